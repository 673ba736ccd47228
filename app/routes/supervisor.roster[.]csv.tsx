import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../auth/require-user.server";
import { parseRosterQuery, rosterRows } from "../certification/roster.server";
import { csvResponse } from "../exports/csv.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  const query = parseRosterQuery(new URL(request.url).searchParams);
  async function* rows() {
    for await (const r of rosterRows(user, query)) {
      yield [r.id, r.name, r.email, r.unitName, r.program, r.status, r.metCount, r.requiredCount, r.validUntil];
    }
  }
  return csvResponse("roster.csv", ["officer_id", "name", "email", "unit", "program", "status", "requirements_met", "requirements_total", "valid_until"], rows(), context.waitForDrain);
}
