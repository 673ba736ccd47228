// After signing out of Circlekeeper, someone who came through their agency's provider may also end that session.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { endSessionUrl } from "../sso/oidc.server";

export const meta: MetaFunction = () => [{ title: "Signed out · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const agencyId = new URL(request.url).searchParams.get("agency") ?? "";
  return { providerSignOut: agencyId && agencyId.length <= 100 ? await endSessionUrl(agencyId, request) : null };
}

export default function SignedOut() {
  const { providerSignOut } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>You are signed out of Circlekeeper</h1>
      {providerSignOut ? (
        <p>
          You are still signed in at your agency's identity provider. On a shared computer,{" "}
          <a href={providerSignOut}>sign out of your agency account too</a>.
        </p>
      ) : null}
      <p>
        <Link to="/login">Sign in again</Link>
      </p>
    </div>
  );
}
