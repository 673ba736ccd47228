// A supervisor's decisions on an officer's record: confirm or return practicum and development activities,
// sign off, revoke. The route reads the form with OfficerDecision and calls decideOnOfficerRecord; a refusal is a
// DomainError (answered 409 by respondToDomainError), a record outside the supervisor's units is null (404).
import { z } from "zod";
import type { SessionUser } from "../auth/roles";
import { reviewCpd } from "./cpd.server";
import { reviewPracticum } from "./practicum.server";
import { revoke, signOff } from "./sign-off.server";

const comment = z.string().trim().max(2000, "Keep the comment under 2,000 characters.");

export const OfficerDecision = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("confirm-practicum"), entryId: z.string().min(1), comment: comment.default("") }),
    z.object({
      intent: z.literal("return-practicum"),
      entryId: z.string().min(1),
      comment: comment.pipe(z.string().min(1, "Say why you are returning the entry.")),
    }),
    z.object({ intent: z.literal("confirm-cpd"), activityId: z.string().min(1), comment: comment.default("") }),
    z.object({
      intent: z.literal("return-cpd"),
      activityId: z.string().min(1),
      comment: comment.pipe(z.string().min(1, "Say why you are returning the activity.")),
    }),
    z.object({
      intent: z.literal("sign-off"),
      program: z.string().min(1),
      comment: comment.pipe(z.string().min(5, "Add a comment that records the basis for your decision.")),
    }),
    z.object({
      intent: z.literal("revoke"),
      signOffId: z.string().min(1),
      reason: comment.pipe(z.string().min(5, "Give the reason for revoking.")),
    }),
  ],
  { errorMap: () => ({ message: "Unknown action." }) },
);
export type OfficerDecision = z.infer<typeof OfficerDecision>;

/** What the supervisor reads once a decision is recorded; null when there is no such record in their units. */
export async function decideOnOfficerRecord(
  supervisor: SessionUser,
  officerId: string,
  input: OfficerDecision,
): Promise<{ message: string; certificateId?: string } | null> {
  switch (input.intent) {
    case "confirm-practicum":
      return (await reviewPracticum(supervisor, input.entryId, "confirm", input.comment))
        ? { message: "Practicum entry confirmed." }
        : null;
    case "return-practicum":
      return (await reviewPracticum(supervisor, input.entryId, "return", input.comment))
        ? { message: "Practicum entry returned to the officer." }
        : null;
    case "confirm-cpd":
      return (await reviewCpd(supervisor, input.activityId, "confirm", input.comment))
        ? { message: "Development activity confirmed." }
        : null;
    case "return-cpd":
      return (await reviewCpd(supervisor, input.activityId, "return", input.comment))
        ? { message: "Development activity returned to the officer." }
        : null;
    case "sign-off": {
      const result = await signOff(supervisor, officerId, input.program, input.comment);
      if (!result) return null;
      return {
        message: result.repeated
          ? "This certification was already signed off."
          : "Signed off. The officer's certificate is ready.",
        certificateId: result.signOffId,
      };
    }
    case "revoke":
      return (await revoke(supervisor, input.signOffId, input.reason)) ? { message: "Certification revoked." } : null;
  }
}
