import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { authorizeRetake, retakeQueue } from "../certification/assessments.server";
import { invalid, readForm, respondToDomainError } from "../forms";
import { formatDay, formatDateTime } from "../ui/certification-status";
import { FormResult } from "../ui/form-result";

export const meta: MetaFunction = () => [{ title: "Failed assessments · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "assessments:authorize" });
  return retakeQueue(user);
}

const AuthorizeForm = z.object({
  intent: z.literal("authorize", { errorMap: () => ({ message: "Unknown action." }) }),
  attemptId: z
    .string({ required_error: "The form is incomplete." })
    .min(1, "The form is incomplete.")
    .max(64, "The form is incomplete."),
  comment: z
    .string({ required_error: "Say why one more assessed attempt is fair." })
    .trim()
    .min(5, "Say why one more assessed attempt is fair: the comment is kept in the audit trail.")
    .max(2000, "Keep the comment under 2,000 characters."),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "assessments:authorize" });
  const form = readForm(await request.formData(), AuthorizeForm);
  if (!form.ok) return invalid(form.errors);
  try {
    const done = await authorizeRetake(user, form.value.attemptId, form.value.comment);
    if (!done) throw notFound("There is no failed assessment of an officer you may decide for at this address.");
    const message = done.repeated
      ? "One more assessed attempt was already authorized after this one: nothing was changed."
      : "One more assessed attempt is authorized. The officer can start it from the role-play's page.";
    return { ok: true as const, message, errors: {} as Record<string, string> };
  } catch (error) {
    return respondToDomainError(error);
  }
}

export default function FailedAssessments() {
  const { waiting, recent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="page stack">
      <h1>Failed assessments</h1>
      <p className="lead">
        Officers whose assessed role-play was not passed and who have no other role-play of its pool left for a first
        play. You can authorize one more assessed attempt, with a comment that is kept in the audit trail. The retake
        may be on any role-play of the pool the officer has not practiced, the failed one included.
      </p>
      {result ? (
        <FormResult of={result} ok={result.ok}>
          <p>{result.ok ? result.message : `Nothing was changed. ${Object.values(errors).join(" ")}`}</p>
        </FormResult>
      ) : null}
      <section aria-labelledby="waiting-h" className="stack">
        <h2 id="waiting-h">Waiting for a decision</h2>
        {waiting.length ? (
          <ul className="stack" role="list">
            {waiting.map((w) => (
              <li key={w.failedAttemptId} className="card stack">
                <h3>
                  {w.officerName} <span className="muted">{w.unitName ?? ""}</span>
                </h3>
                <p>
                  {w.program}: {w.skill} (at least {w.minScore}%). Assessed attempt on “{w.scenario}”{" "}
                  {w.left ? "left before the end" : `not passed with ${w.score ?? 0}%`} on {formatDay(w.at)}.
                </p>
                <p className="muted">A retake could be on: {w.retakeOn.join(" or ")}.</p>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="authorize" />
                  <input type="hidden" name="attemptId" value={w.failedAttemptId} />
                  <div className="field">
                    <label htmlFor={`comment-${w.failedAttemptId}`}>
                      Why one more attempt is fair (required, kept in the audit trail)
                    </label>
                    <textarea id={`comment-${w.failedAttemptId}`} name="comment" rows={3} required minLength={5} />
                  </div>
                  <button type="submit" className="button">
                    Authorize one more assessed attempt for {w.officerName}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No failed assessment is waiting for a decision.</p>
        )}
      </section>
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">Recently authorized</h2>
        {recent.length ? (
          <ul>
            {recent.map((r) => (
              <li key={r.id}>
                {r.officerName}, after “{r.scenario}”: authorized by {r.by} on {formatDateTime(r.at)} UTC.{" "}
                <span className="muted">“{r.comment}”</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None yet.</p>
        )}
      </section>
    </div>
  );
}
