// One DomainError, answered in one place (docs/decisions/0227-one-domain-error.md), and routes that stay thin:
// no route inspects an error itself or reaches the database.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../app/errors";
import { respondToDomainError } from "../../app/forms";

const ROUTES = path.resolve(import.meta.dirname, "../../app/routes");
const routeFiles = () => fs.readdirSync(ROUTES).filter((f) => f.endsWith(".tsx") || f.endsWith(".ts"));
const source = (file: string) => fs.readFileSync(path.join(ROUTES, file), "utf8");

/** The answer as a route returns it: status, headers and body. */
function answer(error: DomainError) {
  const result = respondToDomainError(error) as unknown as {
    data: unknown;
    init: { status: number; headers: Record<string, string> };
  };
  return { status: result.init.status, headers: result.init.headers, body: result.data };
}

describe("domain refusals", () => {
  it("answer each code with its status, the message under its field, and nothing else to guess", () => {
    expect(answer(new DomainError("conflict", "Already decided."))).toEqual({
      status: 409,
      headers: {},
      body: { ok: false, message: "", errors: { form: "Already decided." }, changes: null },
    });
    expect(answer(new DomainError("invalid", "Choose a unit of your agency.", { field: "unitId" }))).toMatchObject({
      status: 400,
      body: { errors: { unitId: "Choose a unit of your agency." } },
    });
    expect(answer(new DomainError("stale", "This draft changed.", { changes: { lines: [] } }))).toMatchObject({
      status: 409,
      body: { errors: { form: "This draft changed." }, changes: { lines: [] } },
    });
    expect(answer(new DomainError("busy", "Try again."))).toMatchObject({
      status: 429,
      headers: { "Retry-After": "5" },
    });
  });

  it("rethrow anything that is not a domain refusal, untouched", () => {
    const notFound = new Response("gone", { status: 404 });
    const bug = new TypeError("x is undefined");
    expect(() => respondToDomainError(notFound)).toThrow(expect.objectContaining({ status: 404 }) as unknown as Error);
    expect(() => respondToDomainError(bug)).toThrow(bug);
  });
});

describe("routes", () => {
  it("never inspect an error's class: refusals go through respondToDomainError", () => {
    const offenders = routeFiles().flatMap((file) =>
      [...source(file).matchAll(/instanceof\s+(\w+)/g)]
        .map((m) => m[1])
        .filter((name) => !["Response", "File", "Date", "Error"].includes(name!))
        .map((name) => `${file}: instanceof ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it("never reach the database: Prisma and the reader stay in domain modules", () => {
    const offenders = routeFiles().filter((file) =>
      /from "[^"]*\/db\/(db|reader)\.server"|generated\/client|\bprisma\./.test(source(file)),
    );
    expect(offenders).toEqual([]);
  });
});
