// The certificate's Open Badges credential as a signed VC-JWT file, for its officer or a supervisor of theirs.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth/require-user.server";
import { certificateFor } from "../certification/certificates.server";
import { credentialJwt } from "../credentials/credentials.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cert = await certificateFor(user, params.id ?? "");
  const jwt = cert ? await credentialJwt(cert.id) : null;
  if (!cert || !jwt) throw notFound("There is no credential of yours at this address.");
  return new Response(jwt, {
    headers: {
      "Content-Type": "application/vc+jwt",
      "Content-Disposition": `attachment; filename="credential-${cert.code}.jwt"`,
      "Cache-Control": "private, no-store",
    },
  });
}
