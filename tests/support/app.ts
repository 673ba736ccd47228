// Calling real loaders and actions with real Requests, against this test file's own database.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { commitSessionCookie, createSession } from "../../app/auth/session.server";
import { prisma } from "../../app/db/db.server";
import { seedDemo } from "../../prisma/seed";

export const ORIGIN = "http://localhost:3000";

let seeded: Promise<void> | null = null;
/** The demo agency, once per test file. */
export function seedOnce(): Promise<void> {
  seeded ??= seedDemo();
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
  for (const [key, value] of Object.entries(fields)) for (const v of ([] as string[]).concat(value)) body.append(key, v);
  return new Request(ORIGIN + path, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) },
  });
}

type Handler<A> = (args: A) => unknown;

/** Runs a loader or action; a thrown Response (redirect, 403, 404) is returned instead of thrown. */
export async function run<A extends LoaderFunctionArgs | ActionFunctionArgs>(
  handler: Handler<A>,
  request: Request,
  params: Record<string, string> = {},
): Promise<{ status: number; data: any; headers: Headers }> {
  try {
    const result = await handler({ request, params, context: { clientAddress: "203.0.113.7" } } as A);
    if (result instanceof Response) return { status: result.status, data: await bodyOf(result), headers: result.headers };
    if (result && typeof result === "object" && "type" in result && (result as any).type === "DataWithResponseInit") {
      const d = result as any;
      return { status: d.init?.status ?? 200, data: d.data, headers: new Headers(d.init?.headers) };
    }
    return { status: 200, data: result, headers: new Headers() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: await bodyOf(thrown), headers: thrown.headers };
    if (thrown && typeof thrown === "object" && (thrown as any).type === "DataWithResponseInit") {
      const d = thrown as any;
      return { status: d.init?.status ?? 500, data: d.data, headers: new Headers(d.init?.headers) };
    }
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
