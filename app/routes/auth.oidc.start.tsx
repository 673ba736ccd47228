// Sends the browser to the agency's identity provider. A GET link, because the page's CSP (form-action 'self')
// would block a form whose answer redirects to another site.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirect } from "../auth/require-user.server";
import { domainRefusal } from "../forms";
import { startSsoSignIn } from "../sso/oidc.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const agencyId = url.searchParams.get("agency") ?? "";
  if (!agencyId || agencyId.length > 100)
    throw new Response("Choose your agency on the sign-in page.", { status: 400 });
  try {
    return redirect(await startSsoSignIn(agencyId, request, safeRedirect(url.searchParams.get("redirectTo"))));
  } catch (error) {
    const refusal = domainRefusal(error);
    throw new Response(refusal.message, { status: refusal.status === 403 ? 400 : refusal.status });
  }
}
