// Calling real loaders and actions with real Requests, against this test file's own database.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { commitSessionCookie, createSession } from "../../app/auth/session.server";
import { prisma } from "../../app/db/db.server";
import { seedDemo } from "../../prisma/seed";

export const ORIGIN = "http://localhost:3000";

let seeded: Promise<void> | null = null;
/** The demo agency, once per test file (already there when the file's database was copied from a seeded one). */
export function seedOnce(): Promise<void> {
  seeded ??= process.env.CK_TEST_DATABASE_SEEDED ? Promise.resolve() : seedDemo();
  return seeded;
}

export async function cookieFor(email: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const id = await createSession(user.id);
  return (await commitSessionCookie(id)).split(";")[0]!;
}

export function get(path: string, cookie?: string): Request {
  return new Request(ORIGIN + path, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(path: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of ([] as string[]).concat(value)) body.append(key, v);
  return new Request(ORIGIN + path, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: ORIGIN,
      ...(cookie ? { Cookie: cookie } : {}),
    },
  });
}

/** What a loader or action answered: the status, the headers, and the data (a Response's body, parsed if JSON). */
export interface RouteAnswer<Data> {
  status: number;
  data: Data;
  headers: Headers;
}

/** The data a handler's result carries: a `data(...)` value's payload, or the plain object it returned. */
export type DataOf<Result> = Result extends Response
  ? unknown
  : Result extends WithResponseInit<infer Payload>
    ? Payload
    : Result;

/** The type of what Remix's public `data()` returns, taken from its signature rather than from its internals. */
type WithResponseInit<Payload> = { data: Payload; init: ResponseInit | null } & ReturnType<typeof data>;

/** Remix's `data()` values (status and headers without a Response) are instances of this, whatever its name. */
const ResponseInitData = data(null).constructor;

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return value instanceof ResponseInitData;
}

/**
 * Runs a loader or action; a thrown Response (redirect, 403, 404) is returned instead of thrown. `data` is typed
 * as the handler's success data: a test that expects a refusal narrows or reads it as the body it asserts on.
 */
export async function runTyped<A extends LoaderFunctionArgs | ActionFunctionArgs, Result>(
  handler: (args: A) => Result,
  request: Request,
  params: Record<string, string> = {},
): Promise<RouteAnswer<DataOf<Awaited<Result>>>> {
  const answer = await answerOf(async () =>
    handler({ request, params, context: { clientAddress: "203.0.113.7" } } as A),
  );
  return answer as RouteAnswer<DataOf<Awaited<Result>>>;
}

/**
 * `runTyped` with `data` left untyped, for the tests written before it: about 180 of their reads go into a
 * union (a success or a refusal) without narrowing it first. New tests use `runTyped`.
 */

export async function run<A extends LoaderFunctionArgs | ActionFunctionArgs>(
  handler: (args: A) => unknown,
  request: Request,
  params: Record<string, string> = {},
  // Untyped on purpose: older tests read success-or-refusal data without narrowing; new tests use runTyped.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<RouteAnswer<any>> {
  return runTyped(handler, request, params);
}

async function answerOf(call: () => Promise<unknown>): Promise<RouteAnswer<unknown>> {
  try {
    const result = await call();
    if (result instanceof Response)
      return { status: result.status, data: await bodyOf(result), headers: result.headers };
    if (isDataWithInit(result))
      return { status: result.init?.status ?? 200, data: result.data, headers: new Headers(result.init?.headers) };
    return { status: 200, data: result, headers: new Headers() };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, data: await bodyOf(thrown), headers: thrown.headers };
    if (isDataWithInit(thrown))
      return { status: thrown.init?.status ?? 500, data: thrown.data, headers: new Headers(thrown.init?.headers) };
    throw thrown;
  }
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
