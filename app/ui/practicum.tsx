// The practicum form and how an entry's reflective log reads, shared by the officer's and the supervisor's pages.
import { Form } from "@remix-run/react";
import {
  PRACTICUM_KIND_LABELS,
  PRACTICUM_KINDS,
  PRACTICUM_ROLE_LABELS,
  PRACTICUM_ROLES,
  PROCESS_TYPES,
  REFLECTIVE_LOG_FIELDS,
  type ReflectiveLogField,
  SATISFACTION_CHOICES,
} from "../certification/practicum";
import { Field } from "./field";
import { Select, TextArea } from "./text-area";

interface FormProps {
  submissionKey: string;
  today: string;
  errors: Record<string, string | undefined>;
  submitting: boolean;
}

export function PracticumForm({ submissionKey, today, errors, submitting }: FormProps) {
  return (
    <Form method="post" noValidate key={submissionKey} className="stack">
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <Field name="date" label="Date of the process" type="date" max={today} error={errors.date} />
      <Select
        name="kind"
        label="Kind of session"
        options={PRACTICUM_KINDS.map((k) => ({ value: k, label: PRACTICUM_KIND_LABELS[k] }))}
        error={errors.kind}
      />
      <Select
        name="processType"
        label="Type of process"
        options={PROCESS_TYPES.map((t) => ({ value: t, label: t }))}
        error={errors.processType}
      />
      <Select
        name="role"
        label="Your role"
        options={PRACTICUM_ROLES.map((r) => ({ value: r, label: PRACTICUM_ROLE_LABELS[r] }))}
        error={errors.role}
      />
      <Field
        name="participantCount"
        label="Number of participants"
        type="number"
        min={2}
        max={200}
        inputMode="numeric"
        error={errors.participantCount}
      />
      <Field
        name="outcome"
        label="Outcome"
        hint="For example: agreement reached; follow-up meeting planned."
        error={errors.outcome}
      />
      <fieldset className="stack">
        <legend>Reflective log</legend>
        <p className="hint">
          Required for joint meetings and circles. For a pre-meeting or an indirect dialogue, write all four parts or
          leave them all empty. Do not include names of participants.
        </p>
        {REFLECTIVE_LOG_FIELDS.map((f) => (
          <TextArea key={f.name} name={f.name} label={f.label} hint={f.hint} error={errors[f.name]} />
        ))}
      </fieldset>
      <fieldset className="stack">
        <legend>Outcome of the meeting (optional)</legend>
        <p className="hint">
          For joint meetings, indirect dialogues and circles: what the parties agreed and how satisfied each said they
          were. It feeds your agency's training-impact report, never with names. Leave empty for a pre-meeting.
        </p>
        <Select
          name="agreementReached"
          label="Agreement reached"
          placeholder=""
          options={[
            { value: "", label: "Not recorded" },
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
          error={errors.agreementReached}
        />
        <Select
          name="harmedPartySatisfaction"
          label="Harmed party's satisfaction, as they reported it"
          placeholder=""
          options={SATISFACTION_CHOICES}
          error={errors.harmedPartySatisfaction}
        />
        <Select
          name="responsiblePartySatisfaction"
          label="Responsible party's satisfaction, as they reported it"
          placeholder=""
          options={SATISFACTION_CHOICES}
          error={errors.responsiblePartySatisfaction}
        />
        <Field
          name="followUpOn"
          label="Follow-up date (optional)"
          hint="When you will check whether the agreement is kept. You get a reminder on that day."
          type="date"
          min={today}
          error={errors.followUpOn}
        />
      </fieldset>
      <button type="submit" className="button" disabled={submitting}>
        Log entry
      </button>
    </Form>
  );
}

interface OutcomeEntry {
  id: string;
  kind: string;
  agreementReached: boolean | null;
  agreementKept: boolean | null;
  harmedPartySatisfaction: number | null;
  responsiblePartySatisfaction: number | null;
  followUpOn: string | Date | null;
}

const yesNo = (value: boolean | null, yes: string, no: string) => (value === null ? null : value ? yes : no);

/** The reported outcome of a real meeting, in a few words; nothing when none was recorded. */
export function PracticumOutcome({ entry }: { entry: OutcomeEntry }) {
  const facts = [
    yesNo(entry.agreementReached, "Agreement reached", "No agreement"),
    entry.harmedPartySatisfaction ? `harmed party ${entry.harmedPartySatisfaction}/5` : null,
    entry.responsiblePartySatisfaction ? `responsible party ${entry.responsiblePartySatisfaction}/5` : null,
    entry.followUpOn
      ? `follow-up ${new Date(entry.followUpOn).toISOString().slice(0, 10)}: ${
          yesNo(entry.agreementKept, "kept", "not kept") ?? "not recorded yet"
        }`
      : null,
  ].filter(Boolean);
  if (!facts.length) return null;
  return <p className="muted">{facts.join("; ")}</p>;
}

/** The officer's "record the follow-up" form on an entry whose follow-up date has come. */
export function FollowUpForm({
  entry,
  error,
  submitting,
}: {
  entry: OutcomeEntry;
  error?: string;
  submitting: boolean;
}) {
  const day = entry.followUpOn ? new Date(entry.followUpOn).toISOString().slice(0, 10) : "";
  return (
    <Form method="post" noValidate className="stack follow-up-form">
      <input type="hidden" name="intent" value="follow-up" />
      <input type="hidden" name="entryId" value={entry.id} />
      <Select
        id={`agreementKept-${entry.id}`}
        name="agreementKept"
        label={`Agreement kept at the follow-up of ${day}?`}
        defaultValue={entry.agreementKept === null ? "" : entry.agreementKept ? "yes" : "no"}
        options={[
          { value: "yes", label: "Kept" },
          { value: "no", label: "Not kept" },
        ]}
        error={error}
      />
      <button type="submit" className="button button--secondary" disabled={submitting}>
        {entry.agreementKept === null ? "Record the follow-up" : "Correct the follow-up"}
      </button>
    </Form>
  );
}

type LogEntry = Record<ReflectiveLogField, string | null> & { reflection: string | null };

/** The structured log, or the free reflection of an entry logged before logs existed. */
export function PracticumReflection({ entry }: { entry: LogEntry }) {
  const parts = REFLECTIVE_LOG_FIELDS.filter((f) => entry[f.name]);
  if (parts.length) {
    return (
      <dl className="facts">
        {parts.map((f) => [<dt key={`${f.name}-t`}>{f.label}</dt>, <dd key={`${f.name}-d`}>{entry[f.name]}</dd>])}
      </dl>
    );
  }
  if (entry.reflection)
    return (
      <p>
        <strong>Reflection (logged before structured logs):</strong> {entry.reflection}
      </p>
    );
  return <p className="muted">No reflective log.</p>;
}

export function kindLabel(kind: string): string {
  return (PRACTICUM_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export function roleLabel(role: string): string {
  return (PRACTICUM_ROLE_LABELS as Record<string, string>)[role] ?? role;
}
