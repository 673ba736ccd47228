import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { forbidden, notFound, requireUser } from "../auth/require-user.server";
import { holds, mayReadRaterAgreement } from "../auth/roles";
import { ObservationResponse } from "../certification/observation";
import { addSecondScoring, observationPage, respondToObservation } from "../certification/observations.server";
import { formFields, invalid, readForm, respondToDomainError } from "../forms";
import { formatDay } from "../ui/certification-status";
import { FormResult } from "../ui/form-result";
import { AgreementTable, CriterionFields, OverallFields, ScoringView, settingLabel } from "../ui/observation";
import { kindLabel } from "../ui/practicum";
import { TextArea } from "../ui/text-area";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Observation of ${data?.observation.officerName ?? "an officer"} · Circlekeeper` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await observationPage(user, params.observationId ?? "");
  if (!page) throw notFound("There is no observation you may see at this address.");
  const back =
    page.observation.officerId === user.id
      ? { to: "/certification", label: "Your certification" }
      : holds(user, "observations:record")
        ? { to: "/observations", label: "Observations" }
        : { to: `/supervisor/officers/${page.observation.officerId}`, label: page.observation.officerName };
  return { ...page, back, mayReadAgreement: mayReadRaterAgreement(user) };
}

const Intent = z.object({ intent: z.enum(["score", "respond"], { errorMap: () => ({ message: "Unknown action." }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = readForm(formData, Intent);
  if (!intent.ok) return invalid(intent.errors);
  const id = params.observationId ?? "";
  try {
    if (intent.value.intent === "score") {
      if (!holds(user, "observations:record")) throw forbidden();
      const saved = await addSecondScoring(user, id, formFields(formData));
      if (!saved) throw notFound("There is no observation you may score at this address.");
      if (!saved.ok) return invalid(saved.errors);
      return {
        ok: true as const,
        message: "Your scoring is saved. You can now see the other assessor's levels and how far you agree.",
        errors: {} as Record<string, string>,
      };
    }
    if (!holds(user, "certification:own")) throw forbidden();
    const form = readForm(formData, ObservationResponse);
    if (!form.ok) return invalid(form.errors);
    if (!(await respondToObservation(user, id, form.value.response)))
      throw notFound("There is no observation of yours at this address.");
    return { ok: true as const, message: "Your response is saved.", errors: {} as Record<string, string> };
  } catch (error) {
    return respondToDomainError(error);
  }
}

export default function ObservationPage() {
  const {
    observation: o,
    access,
    scorings,
    comparison,
    rubric,
    back,
    mayReadAgreement,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const navigation = useNavigation();
  const [search] = useSearchParams();
  return (
    <div className="page stack">
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
      <h1>Observation of {o.officerName}</h1>
      {search.get("recorded") && !result ? (
        <div className="alert alert--ok" role="status">
          <p>The observation is saved. {o.officerName} can now read it and respond.</p>
        </div>
      ) : null}
      {result ? (
        <FormResult of={result} ok={result.ok}>
          <p>
            {result.ok
              ? result.message
              : `Nothing was saved. ${errors.form ?? `Check the ${Object.keys(errors).length} field(s) marked below.`}`}
          </p>
        </FormResult>
      ) : null}
      <dl className="facts card">
        <dt>Officer</dt>
        <dd>
          {o.officerName}
          {o.unitName ? ` (${o.unitName})` : ""}
        </dd>
        <dt>Observed</dt>
        <dd>{formatDay(o.observedOn)}</dd>
        <dt>Setting</dt>
        <dd>{settingLabel(o.setting)}</dd>
        <dt>Kind of process</dt>
        <dd>{kindLabel(o.processKind)}</dd>
        <dt>Rubric</dt>
        <dd>{o.rubricTitle}</dd>
        <dt>Recorded by</dt>
        <dd>{o.recordedByName}</dd>
        <dt>Scorings</dt>
        <dd>{o.scoringCount} of 2</dd>
      </dl>

      {access.canScore && rubric ? (
        <section aria-labelledby="second-h" className="stack">
          <h2 id="second-h">Your independent scoring</h2>
          <p>
            You are scoring this observation as a second assessor. The first assessor's levels, notes and the officer's
            response stay hidden until your scoring is saved, so that the two scorings are independent.
          </p>
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="score" />
            {rubric.criteria.map((c) => (
              <CriterionFields key={c.id} criterion={c} errors={errors} />
            ))}
            <OverallFields errors={errors} />
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              Save my scoring
            </button>
          </Form>
        </section>
      ) : null}

      {scorings.map((s) => (
        <ScoringView key={s.position} scoring={s} />
      ))}
      {comparison.length ? (
        <AgreementTable comparison={comparison} names={[scorings[0]!.assessorName, scorings[1]!.assessorName]} />
      ) : null}
      {comparison.length && mayReadAgreement ? (
        <p>
          <Link to="/observations/agreement">Agreement between assessors across the agency</Link>
        </p>
      ) : null}

      {access.scoresShown ? (
        <section aria-labelledby="response-h" className="card stack">
          <h2 id="response-h">The officer's response</h2>
          {o.response ? (
            <>
              <p>{o.response}</p>
              <p className="muted">Responded {formatDay(o.respondedAt)}</p>
            </>
          ) : access.canRespond ? (
            <Form method="post" noValidate className="stack">
              <input type="hidden" name="intent" value="respond" />
              <p>
                Read the scoring, then say what you make of it: what you agree with, what you see differently, what you
                will work on. You can respond once; your response is kept with the observation.
              </p>
              <TextArea name="response" label="Your response" rows={5} error={errors.response} />
              <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                Save my response
              </button>
            </Form>
          ) : (
            <p className="muted">The officer has not responded yet.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
