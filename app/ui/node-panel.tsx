// The visual editor's side panel for one node: its title, narration, lines, then its choices or its ending. Each
// field writes into the YAML text as it is typed (scenario-edits.ts); the problems listed are the validator's
// own, those on the node's lines of the text.
import { useState } from "react";
import { mapLabel } from "../scenarios/graph";
import type { DraftIssue } from "../studio/draft-check.server";
import {
  addChoice,
  addLine,
  deleteLine,
  nextChoiceId,
  setEnding,
  setLine,
  setNodeText,
  setStart,
  type OutlineNode,
  type ScenarioOutline,
} from "../studio/scenario-edits";
import type { ApplyEdit } from "./apply-edit";
import { ChoiceEditor } from "./choice-editor";

interface Props {
  node: OutlineNode;
  outline: ScenarioOutline;
  issues: DraftIssue[];
  apply: ApplyEdit;
  /** the text does not parse: fields show the last text that did, and cannot change it */
  disabled: boolean;
  onDelete: () => void;
}

export function NodePanel({ node, outline, issues, apply, disabled, onDelete }: Props) {
  const id = `ve-${node.id}`;
  const isStart = outline.start === node.id;
  return (
    <section className="card stack node-panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {mapLabel(node)} <span className="muted">(node {node.id})</span>
      </h3>
      <p className="muted">
        {isStart ? "The start node. " : ""}
        {node.ending ? "An ending." : "A decision."} Lines {node.firstLine} to {node.lastLine} of the text.
      </p>
      <NodeIssues issues={issues} id={`${id}-issues`} />
      <fieldset className="stack" disabled={disabled}>
        <legend className="visually-hidden">Node {node.id}</legend>
        <div className="field">
          <label htmlFor={`${id}-title`}>Title on the map (optional, up to 60 characters)</label>
          <input
            id={`${id}-title`}
            type="text"
            value={node.title ?? ""}
            onChange={(e) => apply((t) => setNodeText(t, node.id, "title", e.target.value), { message: "" })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-narration`}>Narration</label>
          <textarea
            id={`${id}-narration`}
            rows={3}
            value={node.narration}
            onChange={(e) => apply((t) => setNodeText(t, node.id, "narration", e.target.value), { message: "" })}
          />
        </div>
        <Lines node={node} outline={outline} apply={apply} />
        {node.ending ? (
          <EndingFields node={node} apply={apply} />
        ) : (
          <Choices node={node} outline={outline} apply={apply} />
        )}
        <div className="row">
          {!isStart ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => apply((t) => setStart(t, node.id), { message: `${node.id} is now the start node.` })}
            >
              Make this the start node
            </button>
          ) : null}
          <button type="button" id={`${id}-delete`} className="button button--secondary" onClick={onDelete}>
            Delete this node…
          </button>
        </div>
      </fieldset>
    </section>
  );
}

function NodeIssues({ issues, id }: { issues: DraftIssue[]; id: string }) {
  if (!issues.length) return <p id={id}>No problems found in this node.</p>;
  return (
    <div id={id}>
      <p>
        <strong>Problems in this node</strong> (from the check of the text):
      </p>
      <ul className="issues">
        {issues.map((i, n) => (
          <li key={n} className={`issue--${i.severity}`}>
            Line {i.line} <strong>{i.severity}:</strong> {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Lines({ node, outline, apply }: { node: OutlineNode; outline: ScenarioOutline; apply: ApplyEdit }) {
  const id = `ve-${node.id}`;
  const firstSpeaker = outline.participants[0]?.id ?? "";
  return (
    <fieldset className="stack">
      <legend>What participants say</legend>
      {node.lines.map((line, i) => (
        <div key={i} className="node-panel__line">
          <div className="field">
            <label htmlFor={`${id}-l${i}-speaker`}>Line {i + 1}: speaker</label>
            <select
              id={`${id}-l${i}-speaker`}
              value={line.speaker}
              onChange={(e) =>
                apply((t) => setLine(t, node.id, i, { speaker: e.target.value }), {
                  message: `Line ${i + 1} is now said by ${e.target.value}.`,
                })
              }
            >
              {outline.participants.some((p) => p.id === line.speaker) ? null : (
                <option value={line.speaker}>{line.speaker || "(nobody)"} (not a participant)</option>
              )}
              {outline.participants.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.id})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-l${i}-text`}>Line {i + 1}: what they say</label>
            <textarea
              id={`${id}-l${i}-text`}
              rows={2}
              value={line.text}
              onChange={(e) => apply((t) => setLine(t, node.id, i, { text: e.target.value }), { message: "" })}
            />
          </div>
          <button
            type="button"
            className="button button--quiet"
            onClick={() =>
              apply((t) => deleteLine(t, node.id, i), {
                message: `Removed line ${i + 1}.`,
                focus: `${id}-add-line`,
              })
            }
          >
            Remove line {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        id={`${id}-add-line`}
        className="button button--secondary"
        disabled={!firstSpeaker}
        onClick={() =>
          apply((t) => addLine(t, node.id, firstSpeaker), {
            message: `Added line ${node.lines.length + 1}.`,
            focus: `${id}-l${node.lines.length}-speaker`,
          })
        }
      >
        Add a line
      </button>
    </fieldset>
  );
}

function EndingFields({ node, apply }: { node: OutlineNode; apply: ApplyEdit }) {
  const id = `ve-${node.id}`;
  const ending = node.ending!;
  return (
    <fieldset className="stack">
      <legend>Ending</legend>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <input
          id={`${id}-outcome`}
          type="text"
          value={ending.outcome}
          onChange={(e) => apply((t) => setEnding(t, node.id, { outcome: e.target.value }), { message: "" })}
        />
      </div>
      <div className="field">
        <label className="checkbox">
          <input
            id={`${id}-success`}
            type="checkbox"
            checked={ending.success}
            onChange={(e) =>
              apply((t) => setEnding(t, node.id, { success: e.target.checked }), {
                message: e.target.checked ? "This ending can pass." : "This ending fails.",
              })
            }
          />{" "}
          An attempt can pass at this ending
        </label>
      </div>
      <div className="field">
        <label htmlFor={`${id}-debrief`}>Debrief</label>
        <textarea
          id={`${id}-debrief`}
          rows={4}
          value={ending.debrief}
          onChange={(e) => apply((t) => setEnding(t, node.id, { debrief: e.target.value }), { message: "" })}
        />
      </div>
    </fieldset>
  );
}

function Choices({ node, outline, apply }: { node: OutlineNode; outline: ScenarioOutline; apply: ApplyEdit }) {
  const id = `ve-${node.id}`;
  const [target, setTarget] = useState(outline.nodes.find((n) => n.id !== node.id)?.id ?? node.id);
  const choiceId = nextChoiceId(outline, node.id);
  return (
    <div className="stack">
      <h4>Choices</h4>
      {node.choices.map((choice, i) => (
        <ChoiceEditor key={i} node={node} index={i} choice={choice} outline={outline} apply={apply} />
      ))}
      <fieldset className="stack">
        <legend>Add a choice</legend>
        <div className="field">
          <label htmlFor={`${id}-new-choice-target`}>The new choice leads to</label>
          <select id={`${id}-new-choice-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
            {outline.nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {mapLabel(n)} ({n.id})
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          id={`${id}-add-choice`}
          className="button button--secondary"
          onClick={() =>
            apply((t) => addChoice(t, node.id, choiceId, target), {
              message: `Added choice ${choiceId}, leading to ${target}. Write its text.`,
              focus: `${id}-c${node.choices.length}-text`,
            })
          }
        >
          Add the choice
        </button>
      </fieldset>
    </div>
  );
}
