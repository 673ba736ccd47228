// Public on purpose: the deployment's DID document (did:web), so anyone can find the key that signs credentials.
import { publishedDidDocument } from "../credentials/published.server";

export async function loader() {
  return Response.json(await publishedDidDocument(), {
    headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=300" },
  });
}
