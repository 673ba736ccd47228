import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser } from "./auth/require-user.server";
import { unreadCount } from "./notifications/inbox.server";
import stylesheet from "./styles/app.css?url";
import { useNonce } from "./ui/nonce";
import { usePageScripts } from "./ui/page-scripts";
import { RouteFocus } from "./ui/route-focus";
import { SiteHeader } from "./ui/site-header";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return {
    user: user && {
      name: user.name,
      role: user.role,
      grants: user.grants ?? [],
      mustChangePassword: user.mustChangePassword === true,
      unread: await unreadCount(user),
    },
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const scripts = usePageScripts();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader user={data?.user ?? null} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <RouteFocus />
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title =
      error.status === 404
        ? "Page not found"
        : error.status === 403
          ? "Access denied"
          : error.status === 400
            ? "Bad request"
            : "Something went wrong";
    const message =
      error.status === 405
        ? "This page does not accept that request."
        : typeof error.data === "string" && error.data
          ? error.data
          : error.status === 404
            ? "We could not find that page."
            : "The request could not be completed.";
    return (
      <div className="page narrow">
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Go to your home page</a>
        </p>
      </div>
    );
  }
  if (typeof document !== "undefined" || process.env.NODE_ENV !== "production") console.error(error);
  return (
    <div className="page narrow">
      <h1>Something went wrong</h1>
      <p>An unexpected error stopped this page. Nothing you submitted was lost; please try again in a moment.</p>
      <p>
        <a href="/">Go to your home page</a>
      </p>
    </div>
  );
}
