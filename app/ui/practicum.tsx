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
      <button type="submit" className="button" disabled={submitting}>
        Log entry
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
