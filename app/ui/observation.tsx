// Observations on the page: the facts, a scoring form against a rubric, a saved scoring, and how two compare.
import { Link } from "@remix-run/react";
import {
  describeDistance,
  evidenceField,
  levelField,
  levelLabel,
  LEVELS,
  OBSERVATION_SETTING_LABELS,
  type CriterionComparison,
  type CriterionLevel,
} from "../certification/observation";
import type { RubricCriterion } from "../certification/rubric-format";
import { formatDay } from "./certification-status";
import { kindLabel } from "./practicum";
import { TextArea } from "./text-area";

export function settingLabel(setting: string): string {
  return (OBSERVATION_SETTING_LABELS as Record<string, string>)[setting] ?? setting;
}

type Errors = Record<string, string | undefined>;

/** One radio group per criterion, each level labelled with its anchor, and the evidence notes it rests on. */
export function CriterionFields({ criterion, errors }: { criterion: RubricCriterion; errors: Errors }) {
  const name = levelField(criterion.id);
  const levelError = errors[name];
  return (
    <fieldset className="card stack criterion" aria-describedby={levelError ? `${name}-error` : undefined}>
      <legend>
        {criterion.title} <span className="muted">({criterion.competency})</span>
      </legend>
      <p className="hint">{criterion.description}</p>
      <div>
        {LEVELS.map((level) => (
          <div className="option" key={level}>
            {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- ARIA 1.2 keeps aria-invalid global; screen readers announce it on the radio */}
            <input
              type="radio"
              id={`${name}-${level}`}
              name={name}
              value={level}
              aria-invalid={levelError ? true : undefined}
            />
            <label htmlFor={`${name}-${level}`} className="option__label">
              <strong>{levelLabel(level)}:</strong> {criterion.anchors[level]}
            </label>
          </div>
        ))}
      </div>
      {levelError ? (
        <p className="field-error" id={`${name}-error`}>
          {levelError}
        </p>
      ) : null}
      <TextArea
        name={evidenceField(criterion.id)}
        label={`Evidence for “${criterion.title}”`}
        hint="What you saw and heard that places the officer at this level."
        error={errors[evidenceField(criterion.id)]}
      />
    </fieldset>
  );
}

/** The overall judgement and its comment. */
export function OverallFields({ errors }: { errors: Errors }) {
  return (
    <fieldset className="card stack" aria-describedby={errors.overall ? "overall-error" : undefined}>
      <legend>Overall judgement</legend>
      <div>
        {LEVELS.map((level) => (
          <div className="option" key={level}>
            {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- ARIA 1.2 keeps aria-invalid global; screen readers announce it on the radio */}
            <input
              type="radio"
              id={`overall-${level}`}
              name="overall"
              value={level}
              aria-invalid={errors.overall ? true : undefined}
            />
            <label htmlFor={`overall-${level}`} className="option__label">
              {levelLabel(level)}
            </label>
          </div>
        ))}
      </div>
      {errors.overall ? (
        <p className="field-error" id="overall-error">
          {errors.overall}
        </p>
      ) : null}
      <TextArea name="comment" label="Comment on the overall judgement" rows={4} error={errors.comment} />
    </fieldset>
  );
}

interface ScoringProps {
  scoring: {
    position: number;
    assessorName: string;
    createdAt: string | Date;
    overall: string;
    comment: string;
    criteria: CriterionLevel[];
  };
}

export function ScoringView({ scoring }: ScoringProps) {
  const heading = `scoring-${scoring.position}`;
  return (
    <section className="card stack" aria-labelledby={heading}>
      <h2 id={heading}>
        {scoring.position === 1 ? "Scoring" : "Second scoring"} by {scoring.assessorName}
      </h2>
      <p className="muted">Saved {formatDay(scoring.createdAt)}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Level</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {scoring.criteria.map((c) => (
              <tr key={c.criterionId}>
                <th scope="row">{c.criterionTitle}</th>
                <td>{levelLabel(c.level)}</td>
                <td>{c.evidence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <strong>Overall judgement:</strong> {levelLabel(scoring.overall)}
      </p>
      <p>
        <strong>Comment:</strong> {scoring.comment}
      </p>
    </section>
  );
}

export function AgreementTable({ comparison, names }: { comparison: CriterionComparison[]; names: [string, string] }) {
  const same = comparison.filter((c) => c.distance === 0).length;
  return (
    <section className="card stack" aria-labelledby="agreement-h">
      <h2 id="agreement-h">Agreement between the assessors</h2>
      <p>
        Same level on {same} of {comparison.length} criteria.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">{names[0]}</th>
              <th scope="col">{names[1]}</th>
              <th scope="col">Agreement</th>
            </tr>
          </thead>
          <tbody>
            {comparison.map((c) => (
              <tr key={c.criterionId}>
                <th scope="row">{c.criterionTitle}</th>
                <td>{levelLabel(c.levels[0])}</td>
                <td>{levelLabel(c.levels[1])}</td>
                <td>{c.distance === 0 ? describeDistance(0) : <strong>{describeDistance(c.distance)}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface ListProps {
  rows: {
    id: string;
    observedOn: string | Date;
    setting: string;
    processKind: string;
    rubricTitle: string;
    scoringCount: number;
    respondedAt?: string | Date | null;
    officerName?: string;
  }[];
  empty: string;
  /** shows whether the officer has responded */
  responses?: boolean;
}

/** Observations as a table, without levels (the list is shown to people who may still score them blind). */
export function ObservationList({ rows, empty, responses }: ListProps) {
  if (!rows.length) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Observed</th>
            {rows[0]!.officerName !== undefined ? <th scope="col">Officer</th> : null}
            <th scope="col">Setting</th>
            <th scope="col">Process</th>
            <th scope="col">Rubric</th>
            <th scope="col">Scorings</th>
            {responses ? <th scope="col">Officer's response</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/observations/${o.id}`}>
                  {formatDay(o.observedOn)}
                  <span className="visually-hidden">
                    : {o.rubricTitle}
                    {o.officerName ? `, ${o.officerName}` : ""}
                  </span>
                </Link>
              </td>
              {o.officerName !== undefined ? <td>{o.officerName}</td> : null}
              <td>{settingLabel(o.setting)}</td>
              <td>{kindLabel(o.processKind).replace(/ \(.*\)$/, "")}</td>
              <td>{o.rubricTitle}</td>
              <td>{o.scoringCount}</td>
              {responses ? (
                <td>{o.respondedAt ? `Responded ${formatDay(o.respondedAt)}` : "Awaiting response"}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
