// The second step with a passkey, in JSON for the browser's WebAuthn call: options, then the signed response.
import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";
import { authenticationOptions } from "../auth/passkeys.server";
import { checkSecondFactor, clearPendingCookie, pendingFrom } from "../auth/second-step.server";
import { commitSessionCookie } from "../auth/session.server";
import { payloadOf } from "../forms";

const Step = z.discriminatedUnion("step", [
  z.object({ step: z.literal("options") }),
  z.object({
    step: z.literal("verify"),
    response: z
      .object({
        id: z.string().min(1).max(1024),
        rawId: z.string(),
        type: z.literal("public-key"),
        response: z.object({}).passthrough(),
      })
      .passthrough(),
  }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await pendingFrom(request);
  if (!pending || pending.purpose !== "verify")
    return data({ error: "Your sign-in expired. Sign in again." }, { status: 401 });
  const parsed = Step.safeParse(await payloadOf(request));
  if (!parsed.success) return data({ error: "That is not a passkey request." }, { status: 400 });
  if (parsed.data.step === "options") return authenticationOptions(pending.id, pending.user.id, request);
  const factor = {
    kind: "passkey" as const,
    request,
    response: parsed.data.response as unknown as AuthenticationResponseJSON,
  };
  const result = await checkSecondFactor(pending, factor, context.clientAddress ?? "unknown");
  if (!result.ok) {
    const error =
      result.reason === "locked"
        ? "Too many failed attempts. Try again later."
        : "That passkey could not be verified. Try again or use a code.";
    return data({ error }, { status: result.reason === "locked" ? 429 : 401 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await clearPendingCookie());
  headers.append("Set-Cookie", await commitSessionCookie(result.sessionId));
  // A plain Response: a resource route's data() init may not carry its headers to the browser.
  return Response.json({ redirectTo: pending.redirectTo }, { headers });
}
