import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "../auth/require-user.server";
import { invalid, readForm, respondToDomainError } from "../forms";
import { isSurveySubject, LIKERT, SURVEY_ITEMS, SurveyInput } from "../insight/survey";
import { submitSurvey, surveyState } from "../insight/surveys.server";
import { FormResult } from "../ui/form-result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Survey: ${data?.title ?? "training"} · Circlekeeper` },
];

const NOT_FOUND = "There is no module or role-play with a survey at this address.";

function subjectOf(params: Record<string, string | undefined>) {
  const kind = params.kind ?? "";
  if (!isSurveySubject(kind)) throw notFound(NOT_FOUND);
  return { kind, slug: params.slug ?? "" };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "certification:own" });
  const { kind, slug } = subjectOf(params);
  const state = await surveyState(user, kind, slug);
  if (!state) throw notFound(NOT_FOUND);
  return state;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "certification:own" });
  const { kind, slug } = subjectOf(params);
  const form = readForm(await request.formData(), SurveyInput);
  if (!form.ok) return invalid(form.errors);
  try {
    if (!(await submitSurvey(user, kind, slug, form.value))) throw notFound(NOT_FOUND);
  } catch (error) {
    return respondToDomainError(error);
  }
  return { ok: true as const, message: "Thank you: your answers are recorded.", errors: {} };
}

export default function SurveyPage() {
  const s = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const back = s.kind === "module" ? `/modules/${s.slug}` : `/scenarios/${s.slug}`;
  return (
    <div className="page stack">
      <p>
        <Link to={back}>Back to {s.title}</Link>
      </p>
      <h1>Two minutes on {s.title}</h1>
      {result ? (
        <FormResult of={result} ok={result.ok}>
          <p>{result.ok ? result.message : `Nothing was recorded. ${Object.values(errors).join(" ")}`}</p>
        </FormResult>
      ) : null}
      {s.answered || result?.ok ? (
        <p>You have answered this survey. Thank you.</p>
      ) : !s.finished ? (
        <p>
          The survey opens once you have {s.kind === "module" ? "passed the module's check" : "completed the role-play"}
          .
        </p>
      ) : (
        <Form method="post" className="stack">
          <p>Your answers are reported only in groups of five people or more.</p>
          {SURVEY_ITEMS.map((item) => (
            <fieldset key={item.name} className="card">
              <legend>{item.statement}</legend>
              {LIKERT.map((l) => (
                <label key={l.value} className="choice">
                  <input type="radio" name={item.name} value={l.value} required /> {l.label}
                </label>
              ))}
              {errors[item.name] ? <p className="field-error">{errors[item.name]}</p> : null}
            </fieldset>
          ))}
          <div className="field">
            <label htmlFor="comment">Anything else? (optional)</label>
            <textarea id="comment" name="comment" rows={3} maxLength={1000} />
          </div>
          <button type="submit" className="button">
            Send my answers
          </button>
        </Form>
      )}
    </div>
  );
}
