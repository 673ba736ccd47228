import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { inbox, markAllRead, openNotification } from "../notifications/inbox.server";

export const meta: MetaFunction = () => [{ title: "Notifications · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return inbox(user);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") === "read-all") {
    await markAllRead(user);
    return redirect("/notifications");
  }
  const opened = await openNotification(user, String(form.get("id") ?? ""));
  if (!opened) throw data("There is no such notification.", { status: 404 });
  return redirect(opened.link);
}

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default function Notifications() {
  const { items, unread } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Notifications</h1>
      <p>
        {unread ? `${unread} unread.` : "Nothing unread."}{" "}
        <Link to="/account/notifications">Choose which messages you also receive by e-mail</Link>.
      </p>
      {unread ? (
        <Form method="post">
          <button type="submit" name="intent" value="read-all" className="button button--secondary">
            Mark all as read
          </button>
        </Form>
      ) : null}
      {items.length ? (
        <ul className="notification-list" role="list">
          {items.map((item) => (
            <li key={item.id} className={item.readAt ? "notification" : "notification notification--unread"}>
              <Form method="post">
                <input type="hidden" name="id" value={item.id} />
                <button type="submit" className="link-button">
                  {item.readAt ? null : <span className="visually-hidden">Unread: </span>}
                  {item.title}
                </button>
              </Form>
              <p>{item.body}</p>
              <p className="muted">
                <time dateTime={new Date(item.createdAt).toISOString()}>
                  {when.format(new Date(item.createdAt))} UTC
                </time>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>You have no notifications yet. Reminders about certifications, practicum and reviews appear here.</p>
      )}
    </div>
  );
}
