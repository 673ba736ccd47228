// An officer's competency charts: their profile month by month and, for a supervisor, against unit and agency.
import { GroupedBarChart, LineChart, type ChartData } from "../insight/charts";

interface Props {
  name: string;
  evidence: number;
  timeline: ChartData;
  comparison?: ChartData;
  /** "your" on the officer's own page, the officer's name otherwise */
  whose: string;
}

export function CompetencyCharts({ name, evidence, timeline, comparison, whose }: Props) {
  return (
    <section className="stack" aria-labelledby="competency-charts-h">
      <h2 id="competency-charts-h">Competency profile</h2>
      {evidence ? (
        <>
          <LineChart
            id="profile-over-time"
            title={`${whose} competency profile over the last six months (0 to 100)`}
            summary={`From ${evidence} competency scores of assessed role-plays and observed assessments. Gaps are months without evidence.`}
            data={timeline}
          />
          {comparison ? (
            <GroupedBarChart
              id="profile-comparison"
              title={`${name} against unit and agency (0 to 100)`}
              summary="Each group's figure is the mean of its officers' own means, from assessed role-plays and observations."
              data={comparison}
            />
          ) : null}
        </>
      ) : (
        <p className="muted">No assessed role-play or observation yet, so there is no competency profile to show.</p>
      )}
    </section>
  );
}
