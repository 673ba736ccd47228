import crypto from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { notFound, requireUser } from "../auth/require-user.server";
import { OBSERVATION_SETTING_LABELS, OBSERVATION_SETTINGS } from "../certification/observation";
import { observationFormOptions, recordObservation } from "../certification/observations.server";
import { formFields, invalid, respondToDomainError } from "../forms";
import { Field } from "../ui/field";
import { FormResult } from "../ui/form-result";
import { CriterionFields, OverallFields } from "../ui/observation";
import { kindLabel } from "../ui/practicum";
import { Select } from "../ui/text-area";

export const meta: MetaFunction = () => [{ title: "Record an observation · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "observations:record" });
  const url = new URL(request.url);
  const options = await observationFormOptions(user);
  const rubric = options.rubrics.find((r) => r.slug === url.searchParams.get("rubric")) ?? null;
  return {
    ...options,
    rubric,
    officerId: url.searchParams.get("officer") ?? "",
    submissionKey: crypto.randomUUID(),
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "observations:record" });
  try {
    const saved = await recordObservation(user, formFields(await request.formData()));
    if (!saved) throw notFound("There is no officer you may observe with that id.");
    if (!saved.ok) return invalid(saved.errors);
    return redirect(`/observations/${saved.id}?recorded=1`);
  } catch (error) {
    return respondToDomainError(error);
  }
}

export default function RecordObservation() {
  const { officers, rubrics, rubric, officerId, submissionKey, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const navigation = useNavigation();
  const officerQuery = officerId ? `&officer=${encodeURIComponent(officerId)}` : "";
  return (
    <div className="page stack">
      <p>
        <Link to="/observations">Observations</Link>
      </p>
      <h1>Record an observation</h1>
      {!rubric ? (
        <section aria-labelledby="choose-h" className="stack">
          <h2 id="choose-h">Choose the rubric</h2>
          {rubrics.length ? (
            <ul className="stack" role="list">
              {rubrics.map((r) => (
                <li key={r.slug} className="card">
                  <h3>{r.title}</h3>
                  <p>{r.summary}</p>
                  <p className="muted">
                    For: {r.appliesTo.map((k) => kindLabel(k)).join("; ")} · {r.criteria.length} criteria
                  </p>
                  <Link className="button button--secondary" to={`?rubric=${r.slug}${officerQuery}`}>
                    Use “{r.title}”
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">There are no valid rubrics in content/rubrics.</p>
          )}
        </section>
      ) : (
        <>
          <p className="lead">
            {rubric.title}: {rubric.summary} <Link to={`?${officerQuery.slice(1)}`}>Choose another rubric</Link>
          </p>
          {result && !result.ok ? (
            <FormResult of={result} ok={false}>
              <p>
                Nothing was saved. {errors.form ?? `Check the ${Object.keys(errors).length} field(s) marked below.`}
              </p>
            </FormResult>
          ) : null}
          <Form method="post" noValidate className="stack" key={submissionKey}>
            <input type="hidden" name="submissionKey" value={submissionKey} />
            <input type="hidden" name="rubric" value={rubric.slug} />
            <section className="card stack" aria-labelledby="what-h">
              <h2 id="what-h">What you observed</h2>
              <Select
                name="officerId"
                label="Officer"
                defaultValue={officerId}
                options={officers.map((o) => ({
                  value: o.id,
                  label: `${o.name}${o.unitName ? ` (${o.unitName})` : ""}`,
                }))}
                error={errors.officerId}
              />
              <Field name="observedOn" label="Date observed" type="date" max={today} error={errors.observedOn} />
              <Select
                name="setting"
                label="Setting"
                options={OBSERVATION_SETTINGS.map((s) => ({ value: s, label: OBSERVATION_SETTING_LABELS[s] }))}
                error={errors.setting}
              />
              <Select
                name="processKind"
                label="Kind of process"
                options={rubric.appliesTo.map((k) => ({ value: k, label: kindLabel(k) }))}
                error={errors.processKind}
              />
            </section>
            <h2>Criteria</h2>
            <p>
              Choose the level whose description matches what you saw, and write the evidence for it. Every criterion
              needs both.
            </p>
            {rubric.criteria.map((c) => (
              <CriterionFields key={c.id} criterion={c} errors={errors} />
            ))}
            <OverallFields errors={errors} />
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              Save the observation
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
