import { Form, NavLink } from "@remix-run/react";
import { can, holds, ROLE_LABELS, type Permission, type Role } from "../auth/roles";

interface Props {
  user: { name: string; role: Role; grants?: readonly Permission[]; unread?: number } | null;
}

export function SiteHeader({ user }: Props) {
  const links: { to: string; label: string }[] = [];
  if (user) {
    links.push({ to: "/", label: "Home" });
    if (can(user.role, "modules:read")) links.push({ to: "/modules", label: "Modules" });
    if (can(user.role, "scenarios:play")) links.push({ to: "/scenarios", label: "Role-plays" });
    if (can(user.role, "certification:own")) links.push({ to: "/certification", label: "Certification" });
    if (can(user.role, "studio:use")) links.push({ to: "/studio", label: "Studio" });
    if (can(user.role, "studio:community-review")) links.push({ to: "/studio/community", label: "Community review" });
    if (holds(user, "observations:record")) links.push({ to: "/observations", label: "Observations" });
    if (can(user.role, "officers:supervise")) links.push({ to: "/supervisor", label: "Officers" });
    if (can(user.role, "assessments:authorize")) links.push({ to: "/assessments", label: "Failed assessments" });
    if (can(user.role, "users:manage")) links.push({ to: "/admin/users", label: "Users" });
    if (can(user.role, "users:manage")) links.push({ to: "/admin/email", label: "E-mail" });
    if (can(user.role, "users:manage")) links.push({ to: "/admin/learning-records", label: "Learning records" });
    links.push({ to: "/notifications", label: user.unread ? `Notifications (${user.unread} unread)` : "Notifications" });
  }
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="brand" href="/">
          <span className="brand__mark" aria-hidden="true">◯</span> Circlekeeper
        </a>
        {user ? (
          <nav aria-label="Main">
            <ul className="nav-list">
              {links.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} end={link.to === "/"} prefetch="intent">
                    {link.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {user ? (
          <div className="account">
            <span className="account__who">
              {user.name} <span className="badge">{ROLE_LABELS[user.role]}</span>
            </span>
            <NavLink to="/account/password">Change password</NavLink>
            <Form method="post" action="/logout">
              <button type="submit" className="button button--quiet">
                Sign out
              </button>
            </Form>
          </div>
        ) : null}
      </div>
    </header>
  );
}
