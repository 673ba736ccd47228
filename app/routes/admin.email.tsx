import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { invalidFields } from "../forms";
import { deliveryStatus } from "../notifications/delivery.server";
import { saveSmtpSettings, smtpSettingsView } from "../notifications/smtp-settings.server";
import { Field } from "../ui/field";
import { OutboxStatus } from "../ui/outbox-status";

export const meta: MetaFunction = () => [{ title: "E-mail · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  const [settings, status] = await Promise.all([smtpSettingsView(admin), deliveryStatus(admin.agencyId)]);
  return { settings, status, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  const saved = await saveSmtpSettings(admin, Object.fromEntries(await request.formData()));
  if (!saved.ok) return invalidFields(saved.errors);
  return redirect("/admin/email?saved");
}

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
      <OutboxStatus
        status={status}
        labels={{
          queued: "Waiting to be sent",
          failed: "Failed (not retried)",
          failures: "Messages that could not be delivered",
        }}
        columns={[
          { header: "To", cell: (f) => f.toAddress },
          { header: "Subject", cell: (f) => f.subject },
          { header: "Tries", cell: (f) => f.attempts },
        ]}
      />
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
