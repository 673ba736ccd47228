import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth/require-user.server";
import { moduleVersionFile } from "../studio/module-view.server";

/** A published module version as the file content/modules would hold (the export format). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { permission: "studio:use" });
  const file = await moduleVersionFile(params.slug ?? "", Number(params.number));
  if (!file) throw notFound("There is no such version of this module.");
  return new Response(file.source, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.name.replace(/[^a-z0-9.-]/g, "")}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
