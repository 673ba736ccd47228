import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { caseStudiesToReview, reviewCaseStudy } from "../certification/case-studies.server";
import { invalid, readForm, respondToDomainError } from "../forms";
import { CaseStudyText } from "../ui/case-study";
import { formatDay } from "../ui/certification-status";
import { FormResult } from "../ui/form-result";

export const meta: MetaFunction = () => [{ title: "Case studies to review · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "observations:record" });
  return { waiting: await caseStudiesToReview(user) };
}

const comment = z.string().trim().max(2000, "Keep the comment under 2,000 characters.");
const ReviewForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("accept"), caseStudyId: z.string().min(1), comment: comment.default("") }),
    z.object({
      intent: z.literal("return"),
      caseStudyId: z.string().min(1),
      comment: comment.pipe(
        z.string().min(1, "Say why you are returning the case study, so the officer can revise it."),
      ),
    }),
  ],
  { errorMap: () => ({ message: "Unknown action." }) },
);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "observations:record" });
  const form = readForm(await request.formData(), ReviewForm);
  if (!form.ok) return invalid(form.errors);
  try {
    const done = await reviewCaseStudy(user, form.value.caseStudyId, form.value.intent, form.value.comment);
    if (!done) throw notFound("There is no case study at this address from an officer you may assess.");
  } catch (error) {
    return respondToDomainError(error);
  }
  return {
    ok: true as const,
    message: form.value.intent === "accept" ? "Case study accepted." : "Case study returned to the officer.",
    errors: {} as Record<string, string>,
  };
}

export default function CaseStudyReview() {
  const { waiting } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="page stack">
      <h1>Case studies to review</h1>
      <p className="lead">
        Written case studies from officers you may assess. Accept one when the case is told without participants' names
        and each competency it is mapped to is justified by what the officer did; otherwise return it with a comment
        saying what to revise. An accepted case study cannot be changed.
      </p>
      {result ? (
        <FormResult of={result} ok={result.ok}>
          <p>{result.ok ? result.message : `Nothing was changed. ${Object.values(errors).join(" ")}`}</p>
        </FormResult>
      ) : null}
      {waiting.length ? (
        <ul className="stack" role="list">
          {waiting.map((c) => (
            <li key={c.id} className="card stack">
              <h2>{c.title}</h2>
              <p>
                {c.officer.name} · submitted {formatDay(c.updatedAt)}
              </p>
              <CaseStudyText study={c} />
              <Form method="post" className="stack">
                <input type="hidden" name="caseStudyId" value={c.id} />
                <div className="field">
                  <label htmlFor={`comment-${c.id}`}>Comment (required to return)</label>
                  <textarea id={`comment-${c.id}`} name="comment" rows={2} maxLength={2000} />
                </div>
                <div className="row">
                  <button type="submit" name="intent" value="accept" className="button">
                    Accept “{c.title}”
                  </button>
                  <button type="submit" name="intent" value="return" className="button button--secondary">
                    Return with comment
                  </button>
                </div>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No case studies are waiting for review.</p>
      )}
    </div>
  );
}
