import crypto from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { CPD_STATUS_TEXT, CpdInput } from "../certification/cpd";
import { cpdOf, submitCpd } from "../certification/cpd.server";
import { invalid, readForm, respondToDomainError } from "../forms";
import { formatDay } from "../ui/certification-status";
import { Field } from "../ui/field";
import { FormResult } from "../ui/form-result";
import { TextArea } from "../ui/text-area";

export const meta: MetaFunction = () => [{ title: "Professional development · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "certification:own" });
  return {
    activities: await cpdOf(user.id),
    submissionKey: crypto.randomUUID(),
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "certification:own" });
  const form = readForm(await request.formData(), CpdInput);
  if (!form.ok) return invalid(form.errors);
  try {
    await submitCpd(user, form.value);
  } catch (error) {
    return respondToDomainError(error);
  }
  return { ok: true as const, errors: {} as Record<string, string> };
}

export default function CpdPage() {
  const { activities, submissionKey, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="page stack">
      <h1>Continuing professional development</h1>
      <p className="lead">
        Log training, supervision sessions, reading and other development. Once your supervisor confirms an activity,
        its hours count toward renewing your certification if it falls inside the renewal window (see{" "}
        <Link to="/certification">your certification</Link>).
      </p>
      {activities.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Hours</th>
                <th scope="col">Activity</th>
                <th scope="col">Evidence</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {activities.map((a) => (
                <tr key={a.id}>
                  <td>{formatDay(a.date)}</td>
                  <td>{a.hours}</td>
                  <td>{a.activity}</td>
                  <td>{a.evidence}</td>
                  <td>
                    {CPD_STATUS_TEXT[a.status] ?? a.status}
                    {a.reviewComment ? (
                      <>
                        <br />
                        <span className="muted">“{a.reviewComment}”</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No activities logged yet.</p>
      )}
      <div className="card">
        <h2>Log an activity</h2>
        {result ? (
          <FormResult of={result} ok={result.ok}>
            <p>
              {result.ok
                ? "Activity logged. Your supervisor will confirm it or return it with a comment."
                : (errors.form ?? "The activity was not saved. Check the fields marked below.")}
            </p>
          </FormResult>
        ) : null}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="submissionKey" value={submissionKey} />
          <Field name="date" label="Date" type="date" max={today} required error={errors.date} />
          <Field
            name="hours"
            label="Hours"
            hint="In quarter hours, e.g. 1.5."
            type="number"
            step="0.25"
            min="0.25"
            max="40"
            required
            error={errors.hours}
          />
          <Field
            name="activity"
            label="Activity"
            hint="What you did, e.g. a county training day on trauma-informed practice."
            maxLength={300}
            required
            error={errors.activity}
          />
          <TextArea
            name="evidence"
            label="Evidence"
            hint="What shows you did it: a certificate, an agenda, your notes."
            maxLength={1000}
            required
            error={errors.evidence}
          />
          <button type="submit" className="button" disabled={submitting}>
            Log activity
          </button>
        </Form>
      </div>
    </div>
  );
}
