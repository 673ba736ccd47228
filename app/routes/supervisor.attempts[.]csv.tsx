import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../auth/require-user.server";
import { ATTEMPT_CSV_HEADER, attemptRows } from "../certification/attempts-export.server";
import { csvResponse } from "../exports/csv.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  const unit = new URL(request.url).searchParams.get("unit") || undefined;
  return csvResponse("attempts.csv", ATTEMPT_CSV_HEADER, attemptRows(user, unit), context.waitForDrain);
}
