import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth/require-user.server";
import { certificateFor, certificatePdf } from "../certification/certificates.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cert = await certificateFor(user, params.id ?? "");
  if (!cert) throw notFound("There is no certificate of yours at this address.");
  const pdf = await certificatePdf(cert, `${new URL(request.url).origin}/verify/${cert.code}`);
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="certificate-${cert.code}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
