import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth/require-user.server";
import { findDraft } from "../studio/drafts.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:use" });
  const draft = await findDraft(user, params.draftId ?? "");
  if (!draft || draft.kind !== "module") throw notFound("There is no module draft at this address.");
  return new Response(draft.source, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${draft.slug.replace(/[^a-z0-9-]/g, "")}.mdx"`,
    },
  });
}
