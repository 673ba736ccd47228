// The visual editor's participants: who takes part (id, name, role, description), the meters each one has of
// its own beside the shared ones, and each one's portrait. Text fields write into the YAML as they are typed
// (scenario-edits.ts); the portrait is uploaded with the editor's text to the draft page's one image upload
// (draft-images.server.ts), which writes it into that text and saves it.
import { useFetcher } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { IMAGE_LIMITS } from "../media/image-rules";
import { meterCaption } from "../scenarios/scenario";
import {
  addOwnMeter,
  addParticipant,
  removeOwnMeter,
  removeParticipant,
  setOwnMeter,
  setParticipantText,
  type OutlineParticipant,
  type ScenarioOutline,
} from "../studio/scenario-edits";
import type { ApplyEdit } from "./apply-edit";
import { NumberField } from "./choice-editor";
import { Field } from "./field";
import { Portrait } from "./scenario-image";

interface Props {
  outline: ScenarioOutline;
  /** the editor's text, sent with a portrait upload so unsaved edits (a new participant) are saved with it */
  text: string;
  apply: ApplyEdit;
  /** the text does not parse: fields show the last text that did, and cannot change it */
  disabled: boolean;
}

export function ParticipantsPanel({ outline, text, apply, disabled }: Props) {
  return (
    <details className="card participants-panel" id="ve-participants">
      <summary>
        Participants ({outline.participants.length}) and their meters
        <span className="visually-hidden">: add, name, give meters of their own and portraits</span>
      </summary>
      <div className="stack">
        <p className="muted">
          Shared meters, which every participant has:{" "}
          {outline.meters.length ? outline.meters.join(", ") : "none (each meter below is someone's own)"}.
        </p>
        {outline.participants.map((p) => (
          <ParticipantFields key={p.id} participant={p} text={text} apply={apply} disabled={disabled} />
        ))}
        <AddParticipantForm outline={outline} apply={apply} disabled={disabled} />
      </div>
    </details>
  );
}

function ParticipantFields({
  participant: p,
  text,
  apply,
  disabled,
}: {
  participant: OutlineParticipant;
  text: string;
  apply: ApplyEdit;
  disabled: boolean;
}) {
  const id = `ve-p-${p.id}`;
  const name = p.name || p.id;
  const field = (label: string, key: "name" | "role", value: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="text"
        value={value}
        onChange={(e) => apply((t) => setParticipantText(t, p.id, key, e.target.value), { message: "" })}
      />
    </div>
  );
  return (
    <section className="participant-fields stack" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>
        {name} <span className="muted">(participant {p.id})</span>
      </h4>
      <fieldset className="stack" disabled={disabled}>
        <legend className="visually-hidden">Participant {p.id}</legend>
        {field(`${name}: name`, "name", p.name)}
        {field(`${name}: role`, "role", p.role)}
        <div className="field">
          <label htmlFor={`${id}-description`}>{name}: who they are and what they need</label>
          <textarea
            id={`${id}-description`}
            rows={2}
            value={p.description}
            onChange={(e) => apply((t) => setParticipantText(t, p.id, "description", e.target.value), { message: "" })}
          />
        </div>
        <OwnMeters participant={p} apply={apply} />
        <button
          type="button"
          className="button button--quiet"
          onClick={() =>
            apply((t) => removeParticipant(t, p.id), {
              message: `Removed participant ${name}.`,
              focus: "ve-new-participant-id",
            })
          }
        >
          Remove participant {name}
        </button>
      </fieldset>
      <PortraitUpload participant={p} text={text} disabled={disabled} />
    </section>
  );
}

function OwnMeters({ participant: p, apply }: { participant: OutlineParticipant; apply: ApplyEdit }) {
  const id = `ve-p-${p.id}`;
  const name = p.name || p.id;
  const [meterId, setMeterId] = useState("");
  const [label, setLabel] = useState("");
  const [start, setStart] = useState("50");
  function onAdd(e: FormEvent) {
    e.preventDefault();
    const newId = meterId.trim();
    const value = Number(start.trim());
    apply((t) => addOwnMeter(t, p.id, { id: newId, label, start: Number.isFinite(value) ? value : NaN }), {
      message: `Added ${meterCaption(name, label.trim() || newId)}, starting at ${start.trim()}.`,
      focus: `${id}-add-meter-id`,
    });
    if (!p.meters.some((m) => m.id === newId)) {
      setMeterId("");
      setLabel("");
      setStart("50");
    }
  }
  return (
    <fieldset className="stack">
      <legend>{name}'s own meters</legend>
      {p.own.length ? null : <p className="muted">None yet: {name} has only the shared meters.</p>}
      {p.own.map((m) => {
        const caption = meterCaption(name, m.label ?? m.id);
        return (
          <div key={m.id} className="choice-editor__grid">
            <div className="field">
              <label htmlFor={`${id}-m-${m.id}-label`}>{caption}: label officers see</label>
              <input
                id={`${id}-m-${m.id}-label`}
                type="text"
                value={m.label ?? ""}
                onChange={(e) => apply((t) => setOwnMeter(t, p.id, m.id, { label: e.target.value }), { message: "" })}
              />
            </div>
            <NumberField
              id={`${id}-m-${m.id}-start`}
              label={`${caption}: starts at (0 to 100)`}
              value={m.start}
              onValue={(value) =>
                value !== null && apply((t) => setOwnMeter(t, p.id, m.id, { start: value }), { message: "" })
              }
            />
            <button
              type="button"
              className="button button--quiet"
              onClick={() =>
                apply((t) => removeOwnMeter(t, p.id, m.id), {
                  message: `Removed ${caption}.`,
                  focus: `${id}-add-meter-id`,
                })
              }
            >
              Remove {caption}
            </button>
          </div>
        );
      })}
      <form className="choice-editor__grid" onSubmit={onAdd} aria-label={`Add a meter of ${name}'s own`}>
        <Field
          id={`${id}-add-meter-id`}
          name="meterId"
          label={`New meter of ${name}'s: id`}
          value={meterId}
          onChange={(e) => setMeterId(e.target.value)}
          required
        />
        <Field
          id={`${id}-add-meter-label`}
          name="meterLabel"
          label={`New meter of ${name}'s: label`}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <Field
          id={`${id}-add-meter-start`}
          name="meterStart"
          label={`New meter of ${name}'s: starts at`}
          inputMode="numeric"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          required
        />
        <button type="submit" className="button button--secondary">
          Add the meter to {name}
        </button>
      </form>
    </fieldset>
  );
}

type UploadAnswer = { ok: true; message: string } | { ok: false; errors: Record<string, string> };

/** The portrait upload: the draft page's multipart action, with the editor's text; the answer is announced here. */
function PortraitUpload({
  participant: p,
  text,
  disabled,
}: {
  participant: OutlineParticipant;
  text: string;
  disabled: boolean;
}) {
  const fetcher = useFetcher<UploadAnswer>();
  const id = `ve-p-${p.id}-portrait`;
  const name = p.name || p.id;
  const busy = fetcher.state !== "idle";
  const answer = busy ? undefined : fetcher.data;
  return (
    <fetcher.Form
      method="post"
      encType="multipart/form-data"
      className="portrait-upload"
      aria-label={`${name}'s portrait`}
    >
      <input type="hidden" name="target" value={`participant:${p.id}`} />
      <input type="hidden" name="source" value={text} />
      {/* The slot keeps the portrait's room whether or not there is one yet: nothing moves when it arrives. */}
      <div className="portrait-slot">
        {p.portrait && p.portraitAlt ? <Portrait participant={p} /> : <p className="muted">No portrait yet</p>}
      </div>
      <div className="stack">
        <div className="field">
          <label htmlFor={`${id}-file`}>
            {name}'s portrait: image file (PNG, JPEG or WebP, up to {IMAGE_LIMITS.bytes / 1024 / 1024} MB)
          </label>
          <input id={`${id}-file`} type="file" name="image" accept="image/png,image/jpeg,image/webp" required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-alt`}>
            {name}'s portrait: alt text (what an officer who cannot see it should know)
          </label>
          <input id={`${id}-alt`} type="text" name="alt" maxLength={300} required />
        </div>
        <button type="submit" className="button button--secondary" disabled={disabled || busy}>
          Upload {name}'s portrait
        </button>
        <div className="portrait-upload__messages">
          <p role="status" id={`${id}-status`}>
            {busy ? "Uploading…" : answer?.ok ? answer.message : ""}
          </p>
          <p role="alert" className="field-error" id={`${id}-error`}>
            {answer && !answer.ok ? Object.values(answer.errors).join(" ") : ""}
          </p>
        </div>
      </div>
    </fetcher.Form>
  );
}

function AddParticipantForm({
  outline,
  apply,
  disabled,
}: {
  outline: ScenarioOutline;
  apply: ApplyEdit;
  disabled: boolean;
}) {
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState("");
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const participantId = id.trim();
    apply((t) => addParticipant(t, { id: participantId, name: name.trim(), role: role.trim() }), {
      message: `Added participant ${name.trim() || participantId}. Say who they are and what they need.`,
      focus: `ve-p-${participantId}-description`,
    });
    if (!outline.participants.some((p) => p.id === participantId)) {
      setId("");
      setName("");
      setRole("");
    }
  }
  return (
    <form className="stack" onSubmit={onSubmit} aria-labelledby="ve-add-participant-h">
      <h4 id="ve-add-participant-h">Add a participant</h4>
      <Field
        id="ve-new-participant-id"
        name="participantId"
        label="New participant's id"
        hint="Lowercase letters, digits and hyphens, e.g. maria. Conditions name it (maria.trust)."
        value={id}
        onChange={(e) => setId(e.target.value)}
        required
      />
      <Field
        id="ve-new-participant-name"
        name="participantName"
        label="New participant's name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <Field
        id="ve-new-participant-role"
        name="participantRole"
        label="New participant's role"
        value={role}
        onChange={(e) => setRole(e.target.value)}
        required
      />
      <button type="submit" className="button button--secondary" disabled={disabled}>
        Add the participant
      </button>
    </form>
  );
}
