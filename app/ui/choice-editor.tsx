// One choice in the visual editor's panel: its text, where it leads (with conditions), its effects on each
// participant's meters, its competency points, a critical-error reason and its feedback.
import { useEffect, useRef, useState } from "react";
import { mapLabel } from "../scenarios/graph";
import { meterCaption } from "../scenarios/scenario";
import {
  deleteChoice,
  setChoiceText,
  setEffect,
  setScore,
  setTargets,
  type OutlineChoice,
  type OutlineNode,
  type OutlineTarget,
  type ScenarioOutline,
} from "../studio/scenario-edits";
import type { ApplyEdit } from "./apply-edit";

interface Props {
  node: OutlineNode;
  index: number;
  choice: OutlineChoice;
  outline: ScenarioOutline;
  apply: ApplyEdit;
}

const POINTS = [3, 2, 1, 0, -1, -2, -3];

export function ChoiceEditor({ node, index, choice, outline, apply }: Props) {
  const id = `ve-${node.id}-c${index}`;
  const name = `Choice ${index + 1}`;
  const [confirming, setConfirming] = useState(false);
  const edit = (change: (t: string) => string, message = "") => apply(change, { message });
  return (
    <fieldset className="stack choice-editor">
      <legend>
        {name} <span className="muted">({choice.id || "no id"})</span>
      </legend>
      <div className="field">
        <label htmlFor={`${id}-text`}>{name}: what the facilitator says or does</label>
        <textarea
          id={`${id}-text`}
          rows={2}
          value={choice.text}
          onChange={(e) => edit((t) => setChoiceText(t, node.id, index, "text", e.target.value))}
        />
      </div>
      <Targets id={id} name={name} node={node} index={index} choice={choice} outline={outline} apply={apply} />
      <Effects id={id} name={name} node={node} index={index} choice={choice} outline={outline} apply={apply} />
      <fieldset className="choice-editor__grid">
        <legend>{name}: competency points (−3 to 3)</legend>
        {outline.competencies.map((competency) => (
          <div className="field" key={competency}>
            <label htmlFor={`${id}-score-${competency}`}>{competency}</label>
            <select
              id={`${id}-score-${competency}`}
              value={choice.scores[competency] ?? ""}
              onChange={(e) =>
                edit(
                  (t) => setScore(t, node.id, index, competency, e.target.value === "" ? null : Number(e.target.value)),
                  `${name}: ${competency} ${e.target.value === "" ? "no points" : `${e.target.value} points`}.`,
                )
              }
            >
              <option value="">none</option>
              {POINTS.map((p) => (
                <option key={p} value={p}>
                  {p > 0 ? `+${p}` : p}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-critical`}>{name}: critical error (the reason; leave empty when it is not one)</label>
        <input
          id={`${id}-critical`}
          type="text"
          value={choice.critical ?? ""}
          onChange={(e) => edit((t) => setChoiceText(t, node.id, index, "critical", e.target.value))}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-feedback`}>{name}: feedback in the debrief</label>
        <textarea
          id={`${id}-feedback`}
          rows={2}
          value={choice.feedback}
          onChange={(e) => edit((t) => setChoiceText(t, node.id, index, "feedback", e.target.value))}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-id`}>{name}: id (unique in this node)</label>
        <input
          id={`${id}-id`}
          type="text"
          value={choice.id}
          onChange={(e) => edit((t) => setChoiceText(t, node.id, index, "id", e.target.value))}
        />
      </div>
      {confirming ? (
        <RemoveChoiceConfirmation
          name={`${name} (${choice.id})`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            apply((t) => deleteChoice(t, node.id, index), {
              message: `Removed ${name} (${choice.id}).`,
              focus: `ve-${node.id}-add-choice`,
            });
          }}
        />
      ) : (
        <button type="button" className="button button--quiet" onClick={() => setConfirming(true)}>
          Remove {name.toLowerCase()}…
        </button>
      )}
    </fieldset>
  );
}

type PartProps = Props & { id: string; name: string };

/** Where the choice leads: guarded targets checked in order, then one without a condition. */
function Targets({ id, name, node, index, choice, outline, apply }: PartProps) {
  const targets = choice.targets.length ? choice.targets : [{ if: null, goto: "" }];
  const last = targets.length - 1;
  const write = (next: OutlineTarget[], message: string, focus?: string) =>
    apply((t) => setTargets(t, node.id, index, next), { message, focus });
  const replace = (i: number, change: Partial<OutlineTarget>) =>
    targets.map((target, k) => (k === i ? { ...target, ...change } : target));
  return (
    <fieldset className="stack">
      <legend>{name}: leads to</legend>
      {targets.map((target, i) => (
        <div key={i} className="choice-editor__target">
          {i < last ? (
            <div className="field">
              <label htmlFor={`${id}-t${i}-if`}>Condition {i + 1} (e.g. alex.trust &lt; 40)</label>
              <input
                id={`${id}-t${i}-if`}
                type="text"
                value={target.if ?? ""}
                onChange={(e) => write(replace(i, { if: e.target.value }), "")}
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-t${i}-goto`}>
              {i < last ? `If condition ${i + 1} holds, go to` : last ? "Otherwise go to" : "Go to"}
            </label>
            <select
              id={`${id}-t${i}-goto`}
              value={target.goto}
              onChange={(e) => write(replace(i, { goto: e.target.value }), `${name} now leads to ${e.target.value}.`)}
            >
              {outline.nodes.some((n) => n.id === target.goto) ? null : (
                <option value={target.goto}>{target.goto || "(nowhere)"} (no such node)</option>
              )}
              {outline.nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {mapLabel(n)} ({n.id})
                </option>
              ))}
            </select>
          </div>
          {i < last ? (
            <button
              type="button"
              className="button button--quiet"
              onClick={() =>
                write(
                  targets.filter((_, k) => k !== i),
                  `Removed condition ${i + 1} of ${name.toLowerCase()}.`,
                  `${id}-add-condition`,
                )
              }
            >
              Remove condition {i + 1}
            </button>
          ) : null}
        </div>
      ))}
      <button
        type="button"
        id={`${id}-add-condition`}
        className="button button--secondary"
        onClick={() =>
          write(
            [...targets.slice(0, last), { if: "", goto: targets[last]!.goto }, targets[last]!],
            `Added condition ${last + 1} to ${name.toLowerCase()}. Write it, then pick where it leads.`,
            `${id}-t${last}-if`,
          )
        }
      >
        Add a condition
      </button>
    </fieldset>
  );
}

/** Meter changes, per participant and meter, shared and own ("Maria: sense of safety"; blank: no change). */
function Effects({ id, name, node, index, choice, outline, apply }: PartProps) {
  return (
    <fieldset className="choice-editor__grid">
      <legend>{name}: effects on participants (−100 to 100; blank for none)</legend>
      {outline.participants.flatMap((p) =>
        p.meters.map((meter) => (
          <NumberField
            key={`${p.id}-${meter.id}`}
            id={`${id}-effect-${p.id}-${meter.id}`}
            label={meterCaption(p.name || p.id, meter.label)}
            value={choice.effects[p.id]?.[meter.id] ?? null}
            onValue={(value) =>
              apply((t) => setEffect(t, node.id, index, p.id, meter.id, value), {
                message: "",
              })
            }
          />
        )),
      )}
    </fieldset>
  );
}

/** A whole number, written once it is one ("-" on the way to "-10" stays in the box only). */
export function NumberField({
  id,
  label,
  value,
  onValue,
}: {
  id: string;
  label: string;
  value: number | null;
  onValue: (value: number | null) => void;
}) {
  const [draft, setDraft] = useState(value === null ? "" : String(value));
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(value === null ? "" : String(value));
  }, [value]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={draft}
        onFocus={() => (focused.current = true)}
        onBlur={() => {
          focused.current = false;
          setDraft(value === null ? "" : String(value));
        }}
        onChange={(e) => {
          const text = e.target.value.trim().replace("−", "-");
          setDraft(e.target.value);
          if (text === "") onValue(null);
          else if (/^[-+]?\d{1,3}$/.test(text)) onValue(Number(text));
        }}
      />
    </div>
  );
}

function RemoveChoiceConfirmation({
  name,
  onCancel,
  onConfirm,
}: {
  name: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div className="alert alert--warn stack" role="group" aria-label={`Remove ${name}?`}>
      <p>Remove {name}? Its text, effects, points and feedback go with it.</p>
      <div className="row">
        <button type="button" className="button button--danger" onClick={onConfirm}>
          Remove {name}
        </button>
        <button type="button" ref={keep} className="button button--secondary" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
