import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, destroySession, getSessionUser } from "../auth/session.server";
import { isSsoUser } from "../sso/oidc.server";

export async function action({ request }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  await destroySession(request);
  // People who came through their agency's provider are offered its sign-out too.
  const to = user && (await isSsoUser(user.id)) ? `/signed-out?agency=${encodeURIComponent(user.agencyId)}` : "/login";
  return redirect(to, { headers: { "Set-Cookie": await clearSessionCookie() } });
}

export async function loader() {
  return redirect("/");
}
