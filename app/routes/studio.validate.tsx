// Live validation for the draft editor: the same checks as `npm run content:check`, as JSON. The draft is
// checked in the draft checker's worker; when too many are waiting, the answer is 429 and the editor keeps
// what it showed.
import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireUser } from "../auth/require-user.server";
import { checkDraftText, DraftCheckerBusy } from "../studio/draft-checks.server";

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, { permission: "studio:use" });
  const form = await request.formData();
  const kind = form.get("kind");
  const source = form.get("source");
  if ((kind !== "scenario" && kind !== "module") || typeof source !== "string") {
    return data({ error: "Send kind (scenario or module) and source." }, { status: 400 });
  }
  try {
    return await checkDraftText(kind, source);
  } catch (error) {
    if (error instanceof DraftCheckerBusy) return data({ error: error.message }, { status: 429, headers: { "Retry-After": "5" } });
    throw error;
  }
}
