// Live validation for the draft editor: the same checks as `npm run content:check`, as JSON. The draft is
// checked in the draft checker's worker; when too many are waiting, the answer is 429 and the editor keeps
// what it showed.
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "../auth/require-user.server";
import { invalid, respondToDomainError } from "../forms";
import { checkDraftText } from "../studio/draft-checks.server";

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, { permission: "studio:use" });
  const form = await request.formData();
  const kind = form.get("kind");
  const source = form.get("source");
  if ((kind !== "scenario" && kind !== "module") || typeof source !== "string") {
    return invalid({ form: "Send kind (scenario or module) and source." });
  }
  try {
    return await checkDraftText(kind, source);
  } catch (error) {
    return respondToDomainError(error);
  }
}
