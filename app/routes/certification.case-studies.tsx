import crypto from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { caseStudiesOf, reviseCaseStudy, submitCaseStudy } from "../certification/case-studies.server";
import { CASE_STUDY_STATUS_TEXT, CaseStudyInput } from "../certification/case-study";
import { formFields, invalid, readForm, respondToDomainError } from "../forms";
import { CaseStudyFields, CaseStudyText } from "../ui/case-study";
import { formatDay } from "../ui/certification-status";
import { FormResult } from "../ui/form-result";

export const meta: MetaFunction = () => [{ title: "Case studies · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "certification:own" });
  return { caseStudies: await caseStudiesOf(user.id), submissionKey: crypto.randomUUID() };
}

const Target = z.object({ caseStudyId: z.string().default("") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "certification:own" });
  const formData = await request.formData();
  const form = readForm(formData, CaseStudyInput);
  const { caseStudyId } = Target.parse(formFields(formData));
  if (!form.ok) return invalid({ ...form.errors, ...(caseStudyId ? { target: caseStudyId } : {}) });
  try {
    if (caseStudyId) {
      if (!(await reviseCaseStudy(user, caseStudyId, form.value)))
        throw notFound("You have no case study at this address.");
    } else await submitCaseStudy(user, form.value);
  } catch (error) {
    return respondToDomainError(error);
  }
  return { ok: true as const, errors: {} as Record<string, string> };
}

export default function CaseStudiesPage() {
  const { caseStudies, submissionKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const submitting = useNavigation().state === "submitting";
  const forRevision = errors.target;
  return (
    <div className="page stack">
      <h1>Case studies</h1>
      <p className="lead">
        Level 2 asks for written case studies of real cases you facilitated, each mapped to the competencies it shows.
        An assessor accepts a case study or returns it with a comment; once accepted it is part of your record and
        cannot be changed (see <Link to="/certification">your certification</Link>).
      </p>
      {result ? (
        <FormResult of={result} ok={result.ok}>
          <p>
            {result.ok
              ? "Case study submitted. An assessor will accept it or return it with a comment."
              : (errors.form ?? "The case study was not saved. Check the fields marked below.")}
          </p>
        </FormResult>
      ) : null}
      {caseStudies.length ? (
        <ul className="stack" role="list">
          {caseStudies.map((c) => (
            <li key={c.id} className="card stack">
              <h2>{c.title}</h2>
              <p>
                <em>{CASE_STUDY_STATUS_TEXT[c.status] ?? c.status}</em>
                {c.reviewedAt ? ` · ${formatDay(c.reviewedAt)}` : ""}
              </p>
              {c.reviewComment ? <p>Assessor's comment: “{c.reviewComment}”</p> : null}
              <CaseStudyText study={c} />
              {c.status !== "accepted" ? (
                <details open={forRevision === c.id}>
                  <summary>Revise and resubmit “{c.title}”</summary>
                  <Form method="post" className="stack" noValidate>
                    <input type="hidden" name="submissionKey" value={submissionKey} />
                    <input type="hidden" name="caseStudyId" value={c.id} />
                    <CaseStudyFields prefix={`revise-${c.id}`} values={c} errors={forRevision === c.id ? errors : {}} />
                    <button type="submit" className="button" disabled={submitting}>
                      Resubmit case study
                    </button>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No case studies yet.</p>
      )}
      <section className="card stack" aria-labelledby="new-h">
        <h2 id="new-h">Write a case study</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="submissionKey" value={submissionKey} />
          <CaseStudyFields prefix="new" errors={forRevision ? {} : errors} />
          <button type="submit" className="button" disabled={submitting}>
            Submit case study
          </button>
        </Form>
      </section>
    </div>
  );
}
