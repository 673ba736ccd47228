// A real HTTP learning record store for tests. Every statement it receives is checked with xapi-validation
// (Learning Locker's validator); a valid one is stored by id, once. It can be told to fail (503) or hang
// (never answer), and it counts how many times each id arrived, so a test can tell a resend from a duplicate.
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as validation from "xapi-validation";

type Validate = (data: unknown) => { path: string[]; message?: string }[];
const imported = validation as unknown as { default: Validate | { default: Validate } };
const validateStatement: Validate =
  typeof imported.default === "function" ? imported.default : imported.default.default;

export type LrsMode = "accept" | "fail" | "hang";

export interface TestLrs {
  endpoint: string;
  mode: LrsMode;
  /** stored statements by id */
  stored: Map<string, Record<string, unknown>>;
  /** how many times each id was received (a resend counts; a duplicate is never stored) */
  received: Map<string, number>;
  /** statements refused by the validator, with its warnings */
  invalid: { statement: unknown; warnings: string[] }[];
  requests: number;
  close(): Promise<void>;
}

export async function startTestLrs({ user = "lrs-key", pass = "lrs-secret" } = {}): Promise<TestLrs> {
  const hanging = new Set<http.ServerResponse>();
  const state: TestLrs = {
    endpoint: "",
    mode: "accept",
    stored: new Map(),
    received: new Map(),
    invalid: [],
    requests: 0,
    close: async () => {},
  };
  const expectedAuth = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      state.requests += 1;
      if (state.mode === "hang") return void hanging.add(res);
      if (state.mode === "fail") return answer(res, 503, "LRS is down for maintenance");
      if (req.headers.authorization !== expectedAuth) return answer(res, 401, "Unauthorized");
      if (req.headers["x-experience-api-version"] !== "1.0.3")
        return answer(res, 400, "X-Experience-API-Version 1.0.3 required");
      const url = new URL(req.url ?? "/", "http://lrs.test");
      if (url.pathname !== "/xapi/statements") return answer(res, 404, "Not found");
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return answer(res, 400, "Body is not JSON");
      }
      if (req.method === "PUT") return put(state, res, url.searchParams.get("statementId"), parsed);
      if (req.method === "POST") return post(state, res, Array.isArray(parsed) ? parsed : [parsed]);
      return answer(res, 405, "Method not allowed");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function answer(res: http.ServerResponse, status: number, text = "") {
  res.writeHead(status, { "Content-Type": "text/plain" }).end(text);
}

function check(state: TestLrs, statement: unknown): string[] {
  const warnings = validateStatement(statement).map((w) => `${w.path.join(".")}: ${w.message ?? "invalid"}`);
  if (warnings.length) state.invalid.push({ statement, warnings });
  return warnings;
}

function count(state: TestLrs, id: string) {
  state.received.set(id, (state.received.get(id) ?? 0) + 1);
}

function put(state: TestLrs, res: http.ServerResponse, id: string | null, statement: unknown) {
  const warnings = check(state, statement);
  if (warnings.length) return answer(res, 400, warnings.join("; "));
  const record = statement as Record<string, unknown>;
  if (!id || record.id !== id) return answer(res, 400, "statementId must match the statement's id");
  count(state, id);
  if (state.stored.has(id)) return answer(res, 409, "Statement id already stored");
  state.stored.set(id, record);
  answer(res, 204);
}

/** Like many LRSs, refuses a whole batch (409) when one id is already stored, and stores nothing then. */
function post(state: TestLrs, res: http.ServerResponse, statements: unknown[]) {
  const warnings = statements.flatMap((s) => check(state, s));
  if (warnings.length) return answer(res, 400, warnings.join("; "));
  const records = statements as Record<string, unknown>[];
  if (records.some((s) => typeof s.id !== "string")) return answer(res, 400, "This LRS expects statement ids");
  for (const s of records) count(state, s.id as string);
  if (records.some((s) => state.stored.has(s.id as string)))
    return answer(res, 409, "A statement id is already stored");
  for (const s of records) state.stored.set(s.id as string, s);
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(records.map((s) => s.id)));
}
