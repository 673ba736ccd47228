// In-process domain events and questions: how a lower folder tells (or asks) a higher one without importing it.
// The lower folder declares a typed event and announces it; the higher folder subscribes once at start-up
// (app/wiring.server.ts). Handlers run one after another and are awaited by the announcer, inside its
// transaction: nothing is queued, so a change acknowledged to the user has had every handler's work committed
// with it, and a handler that throws rolls the change back. See docs/decisions/0230-domain-events.md.

let lateWiring: (() => Promise<void>) | null = null;
let lateWired: Promise<void> | null = null;

/**
 * For a process that cannot wire at start-up (the test set-up runs before a test file sets its environment):
 * `wire` runs once, on the first announcement or question that finds nobody subscribed.
 */
export function wireOnFirstUse(wire: () => Promise<void>): void {
  lateWiring = wire;
}

async function wiredLate(): Promise<void> {
  if (lateWiring) await (lateWired ??= lateWiring());
}

/** Something that happened in one folder, that others may act on in the same transaction. */
export class DomainEvent<Payload> {
  private readonly handlers = new Map<string, (payload: Payload) => Promise<void> | void>();

  constructor(readonly name: string) {}

  /** `subscriber` names who listens; subscribing again under the same name replaces the handler (no doubles). */
  subscribe(subscriber: string, handler: (payload: Payload) => Promise<void> | void): void {
    this.handlers.set(subscriber, handler);
  }

  /** Runs every handler in subscription order. An event nobody hears is a wiring mistake, so it throws. */
  async announce(payload: Payload): Promise<void> {
    if (!this.handlers.size) await wiredLate();
    if (!this.handlers.size)
      throw new Error(
        `Nobody subscribes to the event "${this.name}": call wireDomains() (app/wiring.server.ts) at start-up`,
      );
    for (const handler of this.handlers.values()) await handler(payload);
  }
}

/** A question one folder needs answered by a higher one (exactly one answerer), e.g. whether a start is allowed. */
export class DomainQuestion<Args extends unknown[], Answer> {
  private answerer: ((...args: Args) => Answer) | null = null;

  constructor(readonly name: string) {}

  answerWith(answerer: (...args: Args) => Answer): void {
    this.answerer = answerer;
  }

  async ask(...args: Args): Promise<Awaited<Answer>> {
    if (!this.answerer) await wiredLate();
    if (!this.answerer)
      throw new Error(
        `Nobody answers the question "${this.name}": call wireDomains() (app/wiring.server.ts) at start-up`,
      );
    return await this.answerer(...args);
  }
}
