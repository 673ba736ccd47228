// One error for every refusal a domain rule makes: what kind of refusal (the code), the message the person asking
// reads, and the HTTP status it stands for. Routes never inspect it themselves: respondToDomainError (forms.ts)
// turns it into the answer, so a new kind of refusal is mapped here once.

const STATUS_BY_CODE = {
  /** the records' present state refuses the action (already decided, not yet allowed, used twice) */
  conflict: 409,
  /** a value the rules refuse, named by its form field */
  invalid: 400,
  /** the text acted on changed since it was shown; `changes` says how */
  stale: 409,
  /** too much work waiting; the same request may succeed in a few seconds */
  busy: 429,
  /** who is asking may not do this (e.g. an identity provider's answer refused at sign-in) */
  forbidden: 403,
} as const;

export type DomainErrorCode = keyof typeof STATUS_BY_CODE;

export interface DomainErrorDetail {
  /** the form field the message belongs to; "form" when absent */
  field?: string;
  /** for "stale": what changed since the text was shown (the studio's diff excerpt), or null when unknown */
  changes?: unknown;
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly detail: DomainErrorDetail = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.status = STATUS_BY_CODE[code];
  }
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
