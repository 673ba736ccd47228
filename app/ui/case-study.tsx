// The case-study form (new and revised) and one case study as an assessor or the officer reads it.
import { COMPETENCY_NAMES, type CompetencyMapping } from "../certification/case-study";
import { COMPETENCIES } from "../scenarios/format";
import { Field } from "./field";
import { TextArea } from "./text-area";

export interface CaseStudyView {
  id: string;
  title: string;
  narrative: string;
  whatIDid: string;
  whatILearned: string;
  competencies: CompetencyMapping[];
}

/** The fields of a case study; `prefix` keeps ids unique when several forms share a page. */
export function CaseStudyFields({
  prefix,
  values,
  errors,
}: {
  prefix: string;
  values?: CaseStudyView;
  errors: Record<string, string | undefined>;
}) {
  const justified = new Map(values?.competencies.map((m) => [m.competency, m.justification]));
  return (
    <>
      <Field
        id={`${prefix}-title`}
        name="title"
        label="Title"
        hint="A short name for the case, without anyone's name."
        maxLength={200}
        required
        defaultValue={values?.title}
        error={errors.title}
      />
      <TextArea
        id={`${prefix}-narrative`}
        name="narrative"
        label="The case"
        rows={6}
        maxLength={8000}
        required
        defaultValue={values?.narrative}
        error={errors.narrative}
        hint="What happened and who took part, in your own words. Describe participants by role (the person harmed, the parent), never by name."
      />
      <TextArea
        id={`${prefix}-whatIDid`}
        name="whatIDid"
        label="What you did"
        rows={4}
        maxLength={4000}
        required
        defaultValue={values?.whatIDid}
        error={errors.whatIDid}
      />
      <TextArea
        id={`${prefix}-whatILearned`}
        name="whatILearned"
        label="What you learned"
        rows={4}
        maxLength={4000}
        required
        defaultValue={values?.whatILearned}
        error={errors.whatILearned}
      />
      <fieldset className="stack" aria-describedby={errors.competencies ? `${prefix}-competencies-error` : undefined}>
        <legend>Competencies the case shows</legend>
        <p className="hint">
          Write a sentence or two for each competency the case shows, saying where in the case it shows. Leave the
          others empty.
        </p>
        {errors.competencies ? (
          <p className="field-error" id={`${prefix}-competencies-error`}>
            {errors.competencies}
          </p>
        ) : null}
        {COMPETENCIES.map((c) => (
          <TextArea
            key={c}
            id={`${prefix}-justify-${c}`}
            name={`justify-${c}`}
            label={COMPETENCY_NAMES[c]}
            rows={2}
            maxLength={1000}
            defaultValue={justified.get(c)}
            error={errors[`justify-${c}`]}
          />
        ))}
      </fieldset>
    </>
  );
}

export function CaseStudyText({ study }: { study: CaseStudyView }) {
  return (
    <>
      <p>
        <strong>The case:</strong> {study.narrative}
      </p>
      <p>
        <strong>What they did:</strong> {study.whatIDid}
      </p>
      <p>
        <strong>What they learned:</strong> {study.whatILearned}
      </p>
      <ul>
        {study.competencies.map((m) => (
          <li key={m.competency}>
            <strong>{COMPETENCY_NAMES[m.competency]}:</strong> {m.justification}
          </li>
        ))}
      </ul>
    </>
  );
}
