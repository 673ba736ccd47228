// The visual scenario editor: the draft's map, where a node is selected (click, Enter or Space) and a choice is
// made by dragging from one node to another, beside a panel that edits the selected node. Every edit goes
// through app/studio/scenario-edits.ts into the YAML text the page holds, and every change of that text redraws
// the map: the two views are one scenario. What is wrong is said by the same validator as for the text.
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { isDomainError } from "../errors";
import { layoutScenario, mapLabel, type MapSource } from "../scenarios/graph";
import type { DraftIssue } from "../studio/draft-check.server";
import {
  addChoice,
  addNode,
  choicesLeadingTo,
  deleteNode,
  nextChoiceId,
  readOutline,
  type NodeKind,
  type ScenarioOutline,
} from "../studio/scenario-edits";
import type { ApplyEdit } from "./apply-edit";
import { NodePanel } from "./node-panel";
import { ParticipantsPanel } from "./participants-panel";
import { ScenarioMapView } from "./scenario-map";

interface Props {
  text: string;
  onText: (text: string) => void;
  /** the latest check of the text (possibly of a slightly older text while a check runs) */
  issues: DraftIssue[];
  flagged: string[];
}

export function VisualEditor({ text, onText, issues, flagged }: Props) {
  // The outline is read in the browser only, once the page is live: on the server the author's YAML would be
  // parsed on the thread that answers everyone's requests (docs/decisions/0401-no-draft-parse-on-requests.md).
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const read = useMemo(() => (live ? readOutline(text) : null), [live, text]);
  const [lastGood, setLastGood] = useState<ScenarioOutline | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  if (read?.ok && read.outline !== lastGood) {
    // The first outline read: its start node is selected.
    if (!lastGood) setSelected(read.outline.start);
    setLastGood(read.outline);
  }
  const outline = read?.ok ? read.outline : lastGood;
  const [announcement, setAnnouncement] = useState("");
  const [refusal, setRefusal] = useState("");
  const [deleting, setDeleting] = useState<string | null>(null);
  const focusNext = useRef<string | null>(null);
  const map = useMemo(() => (outline ? layoutScenario(mapSourceOf(outline)) : null), [outline]);

  useEffect(() => {
    const id = focusNext.current;
    const element = id ? document.getElementById(id) : null;
    // Not rendered yet (the outline of the new text may come a render later): kept for the next render.
    if (!element) return;
    focusNext.current = null;
    element.focus();
  });

  const apply: ApplyEdit = (edit, outcome) => {
    try {
      const next = edit(text);
      setRefusal("");
      setAnnouncement(outcome.message);
      if (outcome.select !== undefined) setSelected(outcome.select);
      focusNext.current = outcome.focus ?? null;
      onText(next);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      setRefusal(error.message);
    }
  };

  if (!read) return <p role="status">The visual editor opens once the page has loaded (it needs JavaScript).</p>;
  if (!outline || !map) {
    return (
      <p className="alert alert--warn" role="status">
        {read.ok ? "" : read.message}
      </p>
    );
  }
  const node = outline.nodes.find((n) => n.id === selected) ?? null;

  function connect(from: string, to: string) {
    const choiceId = nextChoiceId(outline!, from);
    const index = outline!.nodes.find((n) => n.id === from)?.choices.length ?? 0;
    apply((t) => addChoice(t, from, choiceId, to), {
      message: `Added choice ${choiceId} from ${from} to ${to}.`,
      select: from,
      focus: `ve-${from}-c${index}-text`,
    });
  }

  return (
    <section className="visual-editor stack" aria-labelledby="visual-editor-h">
      <h2 id="visual-editor-h">Visual editor</h2>
      <p className="muted">
        Select a node on the map (click it, or Tab to it and press Enter) or in the list, and edit it in the panel. Drag
        from one node to another to add a choice between them, or add it from the panel. Every change is written into
        the YAML text, and the text's changes show here.
      </p>
      {!read.ok ? (
        <p className="alert alert--warn" role="status">
          {read.message} The map shows the last text that parsed.
        </p>
      ) : null}
      <div className="visual-editor__messages">
        <p role="status" className="visually-hidden" data-testid="editor-announcement">
          {announcement}
        </p>
        {refusal ? (
          <p role="alert" className="alert alert--error">
            {refusal}
          </p>
        ) : null}
      </div>
      <div className="visual-editor__layout">
        <div>
          <ScenarioMapView
            map={map}
            flagged={flagged}
            selected={selected}
            editing={{ onSelect: (id) => setSelected(id), onConnect: connect }}
          />
          <AddNodeForm outline={outline} apply={apply} disabled={!read.ok} />
        </div>
        <div className="stack">
          <ParticipantsPanel outline={outline} text={text} apply={apply} disabled={!read.ok} />
          <div className="field">
            <label htmlFor="ve-node">Node to edit</label>
            <select id="ve-node" value={selected ?? ""} onChange={(e) => setSelected(e.target.value || null)}>
              <option value="">Choose a node</option>
              {outline.nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {mapLabel(n)} ({n.id})
                </option>
              ))}
            </select>
          </div>
          {node ? (
            <NodePanel
              key={node.id}
              node={node}
              outline={outline}
              issues={issues.filter((i) => i.line >= node.firstLine && i.line <= node.lastLine)}
              apply={apply}
              disabled={!read.ok}
              onDelete={() => setDeleting(node.id)}
            />
          ) : null}
          {deleting ? (
            <DeleteNodeConfirmation
              nodeId={deleting}
              leadingHere={choicesLeadingTo(outline, deleting)}
              onCancel={() => {
                setDeleting(null);
                focusNext.current = `ve-${deleting}-delete`;
              }}
              onConfirm={() => {
                const id = deleting;
                setDeleting(null);
                apply((t) => deleteNode(t, id), {
                  message: `Deleted node ${id}.`,
                  select: outline.start !== id ? outline.start : null,
                  focus: "ve-node",
                });
              }}
            />
          ) : null}
        </div>
      </div>
    </section>
  );
}

function mapSourceOf(outline: ScenarioOutline): MapSource {
  return {
    start: outline.start,
    nodes: Object.fromEntries(
      outline.nodes.map((n) => [
        n.id,
        {
          id: n.id,
          title: n.title,
          narration: n.narration,
          ending: n.ending,
          choices: n.choices.map((c) => ({
            id: c.id,
            critical: c.critical,
            targets: c.targets.map((t) => ({ goto: t.goto, source: t.if })),
          })),
        },
      ]),
    ),
  };
}

function AddNodeForm({ outline, apply, disabled }: { outline: ScenarioOutline; apply: ApplyEdit; disabled: boolean }) {
  const [id, setId] = useState("");
  const [kind, setKind] = useState<NodeKind>("decision");
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const nodeId = id.trim();
    apply((t) => addNode(t, nodeId, kind), {
      message: `Added ${kind === "ending" ? "ending" : "decision"} node ${nodeId}. Write its narration.`,
      select: nodeId,
      focus: `ve-${nodeId}-narration`,
    });
    if (!outline.nodes.some((n) => n.id === nodeId)) setId("");
  }
  return (
    <form className="card stack" onSubmit={onSubmit} aria-labelledby="ve-add-node-h">
      <h3 id="ve-add-node-h">Add a node</h3>
      <div className="field">
        <label htmlFor="ve-new-node-id">New node's id</label>
        <p className="hint" id="ve-new-node-id-hint">
          Lowercase letters, digits and hyphens, e.g. check-in.
        </p>
        <input
          id="ve-new-node-id"
          type="text"
          value={id}
          onChange={(e) => setId(e.target.value)}
          aria-describedby="ve-new-node-id-hint"
          required
        />
      </div>
      <div className="field">
        <label htmlFor="ve-new-node-kind">Kind</label>
        <select id="ve-new-node-kind" value={kind} onChange={(e) => setKind(e.target.value as NodeKind)}>
          <option value="decision">A decision (with choices)</option>
          <option value="ending">An ending</option>
        </select>
      </div>
      <button type="submit" className="button button--secondary" disabled={disabled}>
        Add the node
      </button>
    </form>
  );
}

function DeleteNodeConfirmation({
  nodeId,
  leadingHere,
  onCancel,
  onConfirm,
}: {
  nodeId: string;
  leadingHere: string[];
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      className="card stack alert alert--warn"
      role="alertdialog"
      aria-labelledby="ve-delete-h"
      aria-describedby="ve-delete-d"
    >
      <h3 id="ve-delete-h" tabIndex={-1} ref={heading}>
        Delete node {nodeId}?
      </h3>
      <p id="ve-delete-d">
        {leadingHere.length
          ? `${leadingHere.length} choice(s) lead here (${leadingHere.join("; ")}): they will point to a node that no longer exists until you change them.`
          : "No choice leads here."}
      </p>
      <div className="row">
        <button type="button" className="button button--danger" onClick={onConfirm}>
          Delete node {nodeId}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </section>
  );
}
