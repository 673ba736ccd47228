import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { invalidFields } from "../forms";
import { Field } from "../ui/field";
import { OutboxStatus } from "../ui/outbox-status";
import { xapiDeliveryStatus } from "../xapi/delivery.server";
import { lrsSettingsView, saveLrsSettings } from "../xapi/lrs-config.server";

export const meta: MetaFunction = () => [{ title: "Learning records · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  const [settings, status] = await Promise.all([lrsSettingsView(admin), xapiDeliveryStatus(admin.agencyId)]);
  return { settings, status, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  const saved = await saveLrsSettings(admin, Object.fromEntries(await request.formData()));
  if (!saved.ok) return invalidFields(saved.errors);
  return redirect("/admin/learning-records?saved");
}

export default function LearningRecordSettings() {
  const { settings, status, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>Learning records</h1>
      <div aria-live="polite">
        {saved && !result ? (
          <div className="alert alert--ok">
            <p>Learning record store saved.</p>
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
          queued: "Statements waiting",
          failed: "Refused by the LRS (not retried)",
          failures: "Statements the LRS refused",
        }}
        columns={[
          { header: "Statement id", cell: (f) => f.id },
          { header: "Verb", cell: (f) => f.verb },
        ]}
      />
      <h2>Learning record store</h2>
      <p>
        Circlekeeper sends xAPI 1.0.3 statements to your agency's learning record store (LRS). The secret is stored
        encrypted and never shown again. The vocabulary used is published at <a href="/xapi/profile">/xapi/profile</a>.
      </p>
      <Form method="post" noValidate>
        <Field
          name="endpoint"
          label="xAPI endpoint"
          required
          type="url"
          defaultValue={settings?.endpoint}
          hint="For example https://lrs.example.gov/xapi/"
          error={errors.endpoint}
        />
        <Field
          name="username"
          label="Key (Basic-auth user name)"
          required
          defaultValue={settings?.username}
          autoComplete="off"
          error={errors.username}
        />
        <Field
          name="password"
          label="Secret (Basic-auth password)"
          type="password"
          autoComplete="new-password"
          hint={settings?.hasPassword ? "A secret is stored. Leave blank to keep it." : undefined}
          error={errors.password}
        />
        <button type="submit" className="button">
          Save learning record store
        </button>
      </Form>
    </div>
  );
}
