// The browser's half of registering a passkey talks to this resource route in JSON: options, then the response.
import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";
import { registerPasskey, registrationOptions } from "../auth/passkeys.server";
import { requireUser } from "../auth/require-user.server";
import { domainRefusal, payloadOf } from "../forms";

const Step = z.discriminatedUnion("step", [
  z.object({ step: z.literal("options") }),
  z.object({
    step: z.literal("register"),
    name: z.string().trim().max(60, "Use at most 60 characters for the name.").default(""),
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

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = Step.safeParse(await payloadOf(request));
  if (!parsed.success) return data({ error: "That is not a passkey request." }, { status: 400 });
  if (parsed.data.step === "options") return registrationOptions(user, request);
  try {
    await registerPasskey(user, request, parsed.data.response as unknown as RegistrationResponseJSON, parsed.data.name);
    return { ok: true };
  } catch (error) {
    const refusal = domainRefusal(error);
    return data({ error: refusal.message }, { status: refusal.status });
  }
}
