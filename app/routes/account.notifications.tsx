import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { preferencesOf, savePreferences } from "../notifications/inbox.server";

export const meta: MetaFunction = () => [{ title: "Notification settings · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { preferences: await preferencesOf(user), saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  await savePreferences(user, new Set(form.getAll("email").map(String)));
  return redirect("/account/notifications?saved");
}

export default function NotificationSettings() {
  const { preferences, saved } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>Notification settings</h1>
      <div aria-live="polite">
        {saved ? (
          <div className="alert alert--ok">
            <p>Your choices are saved.</p>
          </div>
        ) : null}
      </div>
      <p>Every message appears under Notifications. Choose which ones are also sent to you by e-mail.</p>
      <Form method="post">
        <fieldset>
          <legend>Send me an e-mail when</legend>
          {preferences.map((row) => (
            <div key={row.kind} className="checkbox">
              <input
                type="checkbox"
                id={`email-${row.kind}`}
                name="email"
                value={row.kind}
                defaultChecked={row.email}
                disabled={row.mandatory}
                aria-describedby={row.mandatory ? `mandatory-${row.kind}` : undefined}
              />
              <label htmlFor={`email-${row.kind}`}>{row.label}</label>
              {row.mandatory ? (
                <span id={`mandatory-${row.kind}`} className="hint">
                  {" "}
                  (always sent: a lapse in certification cannot be missed)
                </span>
              ) : null}
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          Save choices
        </button>
      </Form>
    </div>
  );
}
