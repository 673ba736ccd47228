// What every draft rule shares: the hash naming one text of a draft.
import crypto from "node:crypto";

/** Which text a page showed: the review form sends it back, and a review of any other text is refused. */
export function draftSourceHash(source: string): string {
  return crypto.createHash("sha256").update(source).digest("hex");
}
