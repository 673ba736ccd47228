import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../auth/require-user.server";
import { csvResponse } from "../exports/csv.server";
import { domainRefusal } from "../forms";
import { impactReport, parseImpactQuery } from "../insight/impact.server";
import { figureText } from "../insight/suppression";
import { IMPACT_SECTIONS } from "../ui/impact-report";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  let report: Awaited<ReturnType<typeof impactReport>>;
  try {
    report = await impactReport(user, parseImpactQuery(new URL(request.url).searchParams));
  } catch (error) {
    const refusal = domainRefusal(error);
    throw new Response(refusal.message, { status: refusal.status });
  }
  async function* rows() {
    for (const section of IMPACT_SECTIONS)
      for (const row of report[section.key])
        for (const column of section.columns) {
          const figure = row.figures[column.key];
          if (!figure) continue;
          // The value column is empty when withheld: a spreadsheet never sees a suppressed figure.
          yield [
            report.scopeName,
            report.from,
            report.to,
            section.title,
            row.subject,
            column.label,
            figure.value,
            figureText(figure, "unit" in column ? column.unit : ""),
            figure.n,
            figure.people,
            figure.suppressed ? "yes" : "no",
          ];
        }
  }
  const header = [
    "scope",
    "from",
    "to",
    "level",
    "subject",
    "measure",
    "value",
    "as_shown",
    "n",
    "people",
    "suppressed",
  ];
  return csvResponse("training-impact.csv", header, rows(), context.waitForDrain);
}
