// The training-impact report's tables: each figure with the sample it rests on, or why it is withheld.
import { figureText, MIN_PEOPLE, type Figure } from "../insight/suppression";

export interface ImpactRowView {
  subject: string;
  figures: Record<string, Figure>;
}

export interface ImpactColumn {
  key: string;
  label: string;
  unit?: string;
}

function FigureCell({ figure, unit }: { figure: Figure | undefined; unit: string }) {
  if (!figure) return <td>no data</td>;
  return (
    <td>
      <strong>{figureText(figure, unit)}</strong>
      {figure.n ? (
        <span className="muted">
          {" "}
          (n = {figure.n}, {figure.people} {figure.people === 1 ? "person" : "people"})
        </span>
      ) : null}
    </td>
  );
}

export function ImpactTable({
  caption,
  rows,
  columns,
}: {
  caption: string;
  rows: ImpactRowView[];
  columns: ImpactColumn[];
}) {
  if (!rows.length) return <p className="muted">No data in this period.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Subject</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.subject}>
              <th scope="row">{r.subject}</th>
              {columns.map((c) => (
                <FigureCell key={c.key} figure={r.figures[c.key]} unit={c.unit ?? ""} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const SUPPRESSION_NOTE = `A figure from fewer than ${MIN_PEOPLE} different people is not shown, so no one's answers can be read from the report; n is the number of answers, attempts or entries behind each figure.`;

/** The report's sections, columns and wording: shared by the page and the CSV so they never disagree. */
export const IMPACT_SECTIONS = [
  {
    key: "reaction",
    title: "Level 1, reaction: surveys after modules and role-plays",
    note: "Mean agreement from 1 (strongly disagree) to 5 (strongly agree).",
    columns: [
      { key: "satisfaction", label: "Satisfied" },
      { key: "confidence", label: "Confident to apply it" },
      { key: "relevance", label: "Relevant to my work" },
    ],
  },
  {
    key: "learning",
    title: "Level 2, learning: knowledge gain per module",
    note: "Officers who took the pre-test and then the module's knowledge check; the first check attempt counts, and the period is when it was taken.",
    columns: [
      { key: "pre", label: "Pre-test", unit: "%" },
      { key: "post", label: "First check", unit: "%" },
      { key: "gain", label: "Gain (points)" },
    ],
  },
  {
    key: "behavior",
    title: "Level 3, behavior: observed facilitation",
    note: "Scorings of observed assessments in the period whose overall judgement was competent or strong.",
    columns: [{ key: "competentOrBetter", label: "Competent or better", unit: "%" }],
  },
  {
    key: "results",
    title: "Level 4, results: outcomes of real meetings",
    note: "Joint meetings, indirect dialogues and circles in the period, as the facilitating officers reported them (entries returned by a supervisor left out).",
    columns: [{ key: "value", label: "Figure" }],
  },
] as const;
