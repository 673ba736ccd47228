import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { can, ROLE_LABELS } from "../auth/roles";
import { homeSummary } from "../home/home.server";
import { supervisorWorklist } from "../home/worklist.server";

export const meta: MetaFunction = () => [{ title: "Home · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [todo, worklist] = await Promise.all([homeSummary(user), supervisorWorklist(user)]);
  return { name: user.name, role: user.role, todo, worklist };
}

export default function Home() {
  const { name, role, todo, worklist } = useLoaderData<typeof loader>();
  const cards: { to: string; title: string; text: string }[] = [];
  if (can(role, "modules:read"))
    cards.push({
      to: "/modules",
      title: "Training modules",
      text: "Read the restorative-practice curriculum and pass each knowledge check.",
    });
  if (can(role, "scenarios:play"))
    cards.push({
      to: "/scenarios",
      title: "Role-plays",
      text: "Practise facilitating conferences and circles with several parties, then learn from the debrief.",
    });
  if (can(role, "certification:own"))
    cards.push({
      to: "/certification",
      title: "Your certification",
      text: "See what you have done toward each program, what is left, and when it expires.",
    });
  if (can(role, "studio:use"))
    cards.push({
      to: "/studio",
      title: "Trainer studio",
      text: "Check, edit, playtest, review and publish scenarios and modules.",
    });
  if (can(role, "studio:community-review"))
    cards.push({
      to: "/studio/community",
      title: "Community review",
      text: "Read drafts trainers flagged for review by someone outside the police, and record your concerns.",
    });
  if (can(role, "officers:supervise"))
    cards.push({
      to: "/supervisor",
      title: "Your officers",
      text: "Who is certified, who is expiring, and on what evidence. Confirm practicum and sign off.",
    });
  if (can(role, "users:manage"))
    cards.push({
      to: "/admin/users",
      title: "Users",
      text: "Create accounts, reset passwords, assign roles and units.",
    });
  return (
    <div className="page">
      <h1>Welcome, {name}</h1>
      <p className="lead">You are signed in as {ROLE_LABELS[role].toLowerCase()}.</p>
      {todo.length ? (
        <section className="card" aria-labelledby="todo-h">
          <h2 id="todo-h">For you now</h2>
          <ul>
            {todo.map((t, i) => (
              <li key={i}>
                <Link to={t.to}>{t.text}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {worklist ? (
        <section className="card stack worklist" aria-labelledby="worklist-h">
          <h2 id="worklist-h">Your worklist</h2>
          {worklist.length ? (
            worklist.map((g) => (
              <section key={g.id} aria-labelledby={`worklist-${g.id}`}>
                <h3 id={`worklist-${g.id}`}>
                  {g.title} ({g.items.length + g.more})
                </h3>
                <ul>
                  {g.items.map((item, i) => (
                    <li key={i}>
                      <Link to={item.to}>{item.text}</Link>
                    </li>
                  ))}
                </ul>
                {g.more ? (
                  <p className="muted">
                    And {g.more} more: <Link to="/supervisor">see all your officers</Link>.
                  </p>
                ) : null}
              </section>
            ))
          ) : (
            <p className="muted">Nothing waits for you in your units.</p>
          )}
        </section>
      ) : null}
      <ul className="grid home-cards" role="list">
        {cards.map((card) => (
          <li key={card.to} className="card">
            <h2>
              <Link to={card.to}>{card.title}</Link>
            </h2>
            <p>{card.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
