// Live validation for the draft editor: the same checks as `npm run content:check`, as JSON.
import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireUser } from "../auth/require-user.server";
import { draftPreview } from "../studio/draft-view.server";

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, { permission: "studio:use" });
  const form = await request.formData();
  const kind = form.get("kind");
  const source = form.get("source");
  if ((kind !== "scenario" && kind !== "module") || typeof source !== "string") {
    return data({ error: "Send kind (scenario or module) and source." }, { status: 400 });
  }
  return draftPreview(kind, source);
}
