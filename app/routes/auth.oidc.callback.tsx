// Where the identity provider sends the browser back. Every refusal is a 4xx page that says why.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { afterFirstStep, commitPendingCookie } from "../auth/second-step.server";
import { commitSessionCookie, destroySession } from "../auth/session.server";
import { domainRefusal } from "../forms";
import { finishSsoSignIn } from "../sso/oidc.server";

export const meta: MetaFunction = () => [{ title: "Single sign-on · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  let signedIn;
  try {
    signedIn = await finishSsoSignIn(request);
  } catch (error) {
    const refusal = domainRefusal(error);
    return data({ error: refusal.message }, { status: refusal.status });
  }
  await destroySession(request);
  const next = await afterFirstStep(signedIn.userId, "sso", signedIn.redirectTo);
  if (next.kind === "pending") {
    const to = next.purpose === "verify" ? "/login/verify" : "/login/enrol";
    throw redirect(to, { headers: { "Set-Cookie": await commitPendingCookie(next.pendingId) } });
  }
  throw redirect(signedIn.redirectTo, { headers: { "Set-Cookie": await commitSessionCookie(next.sessionId) } });
}

export default function OidcCallback() {
  const { error } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>Single sign-on did not work</h1>
      <div className="alert alert--error" role="alert">
        <p>{error}</p>
      </div>
      <p>
        <Link to="/login">Back to the sign-in page</Link>
      </p>
    </div>
  );
}
