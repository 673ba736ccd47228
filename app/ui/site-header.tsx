// The header: the brand, and for a signed-in person the navigation, search and account. On a phone these fold
// into a "Menu" disclosure (a native <details>, so it opens without JavaScript and says whether it is expanded);
// on a wide screen the same markup shows inline (app.css, ::details-content).
import { Form, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { can, holds, ROLE_LABELS, type Permission, type Role } from "../auth/roles";
import { maySearch, SEARCH_MAX_LENGTH, searchLabel } from "../search/scope";

interface Props {
  user: {
    name: string;
    role: Role;
    grants?: readonly Permission[];
    mustChangePassword?: boolean;
    unread?: number;
  } | null;
}

function linksFor(user: NonNullable<Props["user"]>): { to: string; label: string }[] {
  const links: { to: string; label: string }[] = [];
  links.push({ to: "/", label: "Home" });
  if (can(user.role, "modules:read")) links.push({ to: "/modules", label: "Modules" });
  if (can(user.role, "scenarios:play")) links.push({ to: "/scenarios", label: "Role-plays" });
  if (can(user.role, "certification:own")) links.push({ to: "/certification", label: "Certification" });
  if (can(user.role, "studio:use")) links.push({ to: "/studio", label: "Studio" });
  if (can(user.role, "studio:community-review")) links.push({ to: "/studio/community", label: "Community review" });
  if (holds(user, "observations:record")) links.push({ to: "/observations", label: "Observations" });
  if (can(user.role, "officers:supervise")) links.push({ to: "/supervisor", label: "Officers" });
  if (can(user.role, "officers:supervise")) links.push({ to: "/supervisor/insight", label: "Insight" });
  if (can(user.role, "assessments:authorize")) links.push({ to: "/assessments", label: "Failed assessments" });
  if (can(user.role, "users:manage")) links.push({ to: "/admin/users", label: "Users" });
  if (can(user.role, "users:manage")) links.push({ to: "/admin/sign-in", label: "Sign-in settings" });
  if (can(user.role, "users:manage")) links.push({ to: "/admin/email", label: "E-mail" });
  if (can(user.role, "users:manage")) links.push({ to: "/admin/learning-records", label: "Learning records" });
  links.push({ to: "/notifications", label: user.unread ? `Notifications (${user.unread} unread)` : "Notifications" });
  return links;
}

export function SiteHeader({ user }: Props) {
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname, search } = useLocation();
  // A client-side move to another page closes the phone menu, as a page load would.
  useEffect(() => {
    menu.current?.removeAttribute("open");
  }, [pathname, search]);
  // Until an admin-set password is replaced every page leads to the change form: no navigation to offer.
  const full = user && !user.mustChangePassword;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="brand" href="/">
          <span className="brand__mark" aria-hidden="true">
            ◯
          </span>{" "}
          Circlekeeper
        </a>
        {user ? (
          <details className="site-menu" ref={menu}>
            <summary className="site-menu__toggle">Menu</summary>
            <div className="site-menu__body">
              {full ? (
                <nav aria-label="Main">
                  <ul className="nav-list">
                    {linksFor(user).map((link) => (
                      <li key={link.to}>
                        <NavLink to={link.to} end={link.to === "/"} prefetch="intent">
                          {link.label}
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </nav>
              ) : null}
              {full && maySearch(user.role) ? (
                <form method="get" action="/search" role="search" aria-label="Site" className="site-search">
                  <label htmlFor="site-search" className="visually-hidden">
                    {searchLabel(user.role)}
                  </label>
                  <input
                    type="search"
                    id="site-search"
                    name="q"
                    placeholder="Search"
                    autoComplete="off"
                    maxLength={SEARCH_MAX_LENGTH}
                  />
                  <button type="submit" className="button button--secondary">
                    Search
                  </button>
                </form>
              ) : null}
              <div className="account">
                <span className="account__who">
                  {user.name} <span className="badge">{ROLE_LABELS[user.role]}</span>
                </span>
                <NavLink to="/account/password">Change password</NavLink>
                <NavLink to="/account/security">Sign-in security</NavLink>
                <Form method="post" action="/logout">
                  <button type="submit" className="button button--quiet">
                    Sign out
                  </button>
                </Form>
              </div>
            </div>
          </details>
        ) : null}
      </div>
    </header>
  );
}
