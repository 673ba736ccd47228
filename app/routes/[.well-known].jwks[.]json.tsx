// Public on purpose: the credential signing keys as a JWKS, for verifiers that read keys this way.
import { jwks } from "../credentials/issuer.server";

export async function loader() {
  return Response.json(await jwks(), { headers: { "Cache-Control": "public, max-age=300" } });
}
