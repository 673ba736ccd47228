import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth/require-user.server";
import { certificateFor, certificatePdf } from "../certification/certificates.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cert = await certificateFor(user, params.id ?? "");
  if (!cert) throw notFound("There is no certificate of yours at this address.");
  const origin = new URL(request.url).origin;
  const result = await certificatePdf(cert, `${origin}/verify/${cert.code}`);
  if (!result.ok) {
    // 422: the certificate exists, but no PDF of it can be made correctly; its page prints it as written.
    return new Response(
      `${result.problem} Print the certificate from its page instead: ${origin}/certification/certificates/${cert.id}`,
      {
        status: 422,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
      },
    );
  }
  return new Response(Buffer.from(result.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="certificate-${cert.code}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
