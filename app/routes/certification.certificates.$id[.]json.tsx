// The certificate's Open Badges credential as JSON (VC data model 2.0's enveloped form of the signed VC-JWT).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth/require-user.server";
import { certificateFor } from "../certification/certificates.server";
import { credentialJwt, envelopedCredential } from "../credentials/credentials.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cert = await certificateFor(user, params.id ?? "");
  const jwt = cert ? await credentialJwt(cert.id) : null;
  if (!cert || !jwt) throw notFound("There is no credential of yours at this address.");
  return new Response(JSON.stringify(envelopedCredential(jwt), null, 2), {
    headers: {
      "Content-Type": "application/json",
      "Content-Disposition": `attachment; filename="credential-${cert.code}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
