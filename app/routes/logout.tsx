import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, destroySession } from "../auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  await destroySession(request);
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

export async function loader() {
  return redirect("/");
}
