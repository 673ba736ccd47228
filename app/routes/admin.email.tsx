import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { invalid } from "../forms";
import { deliveryStatus } from "../notifications/delivery.server";
import { saveSmtpSettings, smtpSettingsView } from "../notifications/smtp-settings.server";
import { Field } from "../ui/field";

export const meta: MetaFunction = () => [{ title: "E-mail · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  const [settings, status] = await Promise.all([smtpSettingsView(admin), deliveryStatus(admin.agencyId)]);
  return { settings, status, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  const saved = await saveSmtpSettings(admin, Object.fromEntries(await request.formData()));
  if (!saved.ok)
    return invalid(
      Object.fromEntries(
        Object.entries(saved.errors).map(([field, messages]) => [field, messages?.[0] ?? "Check this field."]),
      ),
    );
  return redirect("/admin/email?saved");
}

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default function EmailSettings() {
  const { settings, status, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>E-mail</h1>
      <div aria-live="polite">
        {saved && !result ? (
          <div className="alert alert--ok">
            <p>Mail server saved.</p>
          </div>
        ) : null}
        {result ? (
          <div className="alert alert--error" role="alert">
            <p>The settings were not saved. Check the fields marked below.</p>
          </div>
        ) : null}
      </div>
      <h2>Delivery</h2>
      <dl className="facts">
        <dt>Waiting to be sent</dt>
        <dd>{status.queued}</dd>
        <dt>Sent</dt>
        <dd>{status.sent}</dd>
        <dt>Failed (not retried)</dt>
        <dd>{status.failed}</dd>
        <dt>Last error</dt>
        <dd>{status.lastError ?? "None"}</dd>
      </dl>
      {status.failures.length ? (
        <table>
          <caption>Messages that could not be delivered</caption>
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Tries</th>
              <th scope="col">Error</th>
              <th scope="col">Queued</th>
            </tr>
          </thead>
          <tbody>
            {status.failures.map((f) => (
              <tr key={f.id}>
                <td>{f.toAddress}</td>
                <td>{f.subject}</td>
                <td>{f.attempts}</td>
                <td>{f.lastError}</td>
                <td>{when.format(new Date(f.createdAt))} UTC</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2>Mail server</h2>
      <p>
        Reminders and notifications are sent through your agency's SMTP server. The password is stored encrypted and
        never shown again.
      </p>
      <Form method="post" noValidate>
        <Field name="host" label="Host" required defaultValue={settings?.host} error={errors.host} />
        <Field
          name="port"
          label="Port"
          required
          inputMode="numeric"
          defaultValue={settings ? String(settings.port) : "587"}
          error={errors.port}
        />
        <div className="checkbox">
          <input type="checkbox" id="secure" name="secure" defaultChecked={settings?.secure ?? false} />
          <label htmlFor="secure">TLS from the start (usually port 465); otherwise STARTTLS is used when offered</label>
        </div>
        <Field
          name="username"
          label="User name (optional)"
          defaultValue={settings?.username}
          autoComplete="off"
          error={errors.username}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={
            settings?.hasPassword
              ? "A password is stored. Leave blank to keep it."
              : "Leave blank if the server needs none."
          }
          error={errors.password}
        />
        <Field
          name="fromAddress"
          label="Send from"
          type="email"
          required
          defaultValue={settings?.fromAddress}
          error={errors.fromAddress}
        />
        <button type="submit" className="button">
          Save mail server
        </button>
      </Form>
    </div>
  );
}
