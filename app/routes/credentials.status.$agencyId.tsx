// Public on purpose: an agency's revocation list (a signed Bitstring Status List credential). A verifier reads
// the bit of the credential it holds; the list names nobody.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "../auth/require-user.server";
import { publishedStatusList } from "../credentials/status-list.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const jwt = await publishedStatusList(params.agencyId ?? "");
  if (!jwt) throw notFound("There is no credential status list at this address.");
  // no-cache: a verifier asks again each time, so a revocation counts at once.
  return new Response(jwt, { headers: { "Content-Type": "application/vc+jwt", "Cache-Control": "no-cache" } });
}
