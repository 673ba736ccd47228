import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "../auth/require-user.server";
import { formFields, respondToDomainError } from "../forms";
import { preTestFor, submitPreTest } from "../insight/pre-test.server";
import { FormResult } from "../ui/form-result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Pre-test: ${data?.title ?? "module"} · Circlekeeper` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "certification:own" });
  const preTest = await preTestFor(user, params.slug ?? "");
  if (!preTest) throw notFound("There is no module with a knowledge check at this address.");
  return preTest;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "certification:own" });
  let done: Awaited<ReturnType<typeof submitPreTest>>;
  try {
    done = await submitPreTest(user, params.slug ?? "", formFields(await request.formData()));
  } catch (error) {
    return respondToDomainError(error);
  }
  if (!done) throw notFound("There is no module with a knowledge check at this address.");
  return {
    ok: true as const,
    message: "Recorded. Now read the module; its knowledge check comes at the end.",
    errors: {},
  };
}

export default function PreTestPage() {
  const t = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const done = t.takenAt || result?.ok;
  return (
    <div className="page stack">
      <p>
        <Link to={`/modules/${t.slug}`}>Back to the module</Link>
      </p>
      <h1>Before you start: {t.title}</h1>
      <p className="lead">
        A few questions on what you already know, so the agency can see what the module teaches. Guessing is fine: the
        answers are not shown and do not count toward anything.
      </p>
      {result ? (
        <FormResult of={result} ok={result.ok}>
          <p>{result.ok ? result.message : `Nothing was recorded. ${Object.values(errors).join(" ")}`}</p>
        </FormResult>
      ) : null}
      {done ? (
        <p>
          You have taken this pre-test. <Link to={`/modules/${t.slug}`}>Read the module</Link>.
        </p>
      ) : (
        <Form method="post" className="stack">
          {t.questions.map((q, i) => (
            <fieldset key={q.id} className="card">
              <legend>
                {i + 1}. {q.prompt}
              </legend>
              {q.options.map((o) => (
                <label key={o.id} className="choice">
                  <input type="radio" name={q.id} value={o.id} required /> {o.text}
                </label>
              ))}
              {errors[q.id] ? <p className="field-error">{errors[q.id]}</p> : null}
            </fieldset>
          ))}
          <button type="submit" className="button">
            Record my answers
          </button>
        </Form>
      )}
    </div>
  );
}
