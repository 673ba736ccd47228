import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../auth/require-user.server";
import { parseRosterQuery, rosterRows } from "../certification/roster.server";
import { STATUS_LABELS } from "../certification/status";
import { csvResponse } from "../exports/csv.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  const query = parseRosterQuery(new URL(request.url).searchParams);
  async function* rows() {
    for await (const r of rosterRows(user, query)) {
      // Words for people, and the codes beside them for machines.
      yield [
        r.id,
        r.name,
        r.email,
        r.unitName,
        r.programTitle,
        STATUS_LABELS[r.status],
        r.metCount,
        r.requiredCount,
        r.validUntil,
        r.program,
        r.status,
      ];
    }
  }
  const header = [
    "officer_id",
    "name",
    "email",
    "unit",
    "program",
    "status",
    "requirements_met",
    "requirements_total",
    "valid_until",
    "program_code",
    "status_code",
  ];
  return csvResponse("roster.csv", header, rows(), context.waitForDrain);
}
