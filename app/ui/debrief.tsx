import type { Debrief } from "../scenarios/views";
import type { Meters } from "../scenarios/format";

const COMPETENCY_LABELS: Record<string, string> = {
  neutrality: "Neutrality",
  empathy: "Empathy",
  safety: "Safety",
  accountability: "Accountability",
  process: "Process",
};

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function MeterChanges({ before, after, names, meters }: { before: Meters; after: Meters; names: Map<string, string>; meters: string[] }) {
  const changes: string[] = [];
  for (const [pid, values] of Object.entries(after)) {
    for (const m of meters) {
      const delta = (values[m] ?? 0) - (before[pid]?.[m] ?? 0);
      if (delta) changes.push(`${names.get(pid) ?? pid} ${m} ${signed(delta)}`);
    }
  }
  return changes.length ? <p className="muted">Effect: {changes.join(", ")}</p> : null;
}

interface Props {
  debrief: Debrief;
  participants: { id: string; name: string; role: string }[];
  meters: string[];
}

export function DebriefView({ debrief, participants, meters }: Props) {
  const names = new Map(participants.map((p) => [p.id, p.name]));
  const { result } = debrief;
  return (
    <div className="debrief stack">
      <section className={`card verdict ${result.passed ? "verdict--pass" : "verdict--fail"}`} aria-labelledby="verdict-heading">
        <h2 id="verdict-heading" tabIndex={-1}>
          {result.passed ? "Passed" : "Not passed"}: {result.score}% <span className="muted">(pass mark {debrief.passMark}%)</span>
        </h2>
        <p><strong>Outcome:</strong> {debrief.ending.outcome}</p>
        {!result.passed ? (
          <p>
            {result.criticalErrors.length
              ? "A critical error ends an attempt as not passed, whatever the score."
              : !debrief.ending.success
                ? "This ending cannot pass: the process did not reach a safe, genuine resolution."
                : `The score was below the pass mark of ${debrief.passMark}%.`}
          </p>
        ) : null}
        <div className="prose">{debrief.ending.debrief.split(/\n\s*\n/).map((p, i) => <p key={i}>{p}</p>)}</div>
      </section>

      <section aria-labelledby="competency-heading">
        <h2 id="competency-heading">Scores by competency</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">Competency</th><th scope="col">Score</th></tr></thead>
            <tbody>
              {debrief.competencies.map((c) => (
                <tr key={c}>
                  <th scope="row">{COMPETENCY_LABELS[c] ?? c}</th>
                  <td>
                    <meter min={0} max={100} value={result.competencyScores[c] ?? 0} aria-label={`${COMPETENCY_LABELS[c] ?? c} score`} />{" "}
                    {result.competencyScores[c] ?? 0}%
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {result.criticalErrors.length ? (
        <section aria-labelledby="critical-heading" className="alert alert--error">
          <h2 id="critical-heading">Critical errors</h2>
          <ul>{result.criticalErrors.map((e, i) => <li key={i}>{e.reason}</li>)}</ul>
        </section>
      ) : null}

      <section aria-labelledby="participants-moved">
        <h2 id="participants-moved">How each participant's state moved</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Participant</th>{meters.map((m) => <th scope="col" key={m}>{m} (start → end)</th>)}</tr>
            </thead>
            <tbody>
              {participants.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name} <span className="muted">({p.role})</span></th>
                  {meters.map((m) => {
                    const a = debrief.meterStart[p.id]?.[m] ?? 0;
                    const b = debrief.meterEnd[p.id]?.[m] ?? 0;
                    return <td key={m}>{a} → {b} ({signed(b - a)})</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="choices-heading">
        <h2 id="choices-heading">Your choices, one by one</h2>
        <ol className="debrief-steps">
          {debrief.steps.map((step) => (
            <li key={step.position} className="card debrief-step">
              <p className="muted">{step.narration}</p>
              <p><strong>You chose:</strong> {step.choice.text}</p>
              {step.choice.critical ? <p className="field-error">Critical error: {step.choice.critical}</p> : null}
              <p>{step.choice.feedback}</p>
              {Object.keys(step.choice.scores).length ? (
                <p className="muted">
                  Points: {Object.entries(step.choice.scores).map(([c, n]) => `${COMPETENCY_LABELS[c] ?? c} ${signed(n ?? 0)}`).join(", ")}
                </p>
              ) : null}
              <MeterChanges before={step.metersBefore} after={step.metersAfter} names={names} meters={meters} />
              {step.best ? <p><strong>A stronger choice here:</strong> {step.best.text}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      {debrief.modelPath ? (
        <section aria-labelledby="model-heading">
          <h2 id="model-heading">The path that scores best</h2>
          <p className="muted">One way through that earns the highest score and passes. Compare it with yours.</p>
          <ol className="model-path">
            {debrief.modelPath.map((step, i) => (
              <li key={i}>
                <p><strong>{step.choice.text}</strong></p>
                <p className="muted">{step.choice.feedback}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p className="muted">
          This was an assessed attempt: its debrief covers the choices you made, not the best path or the other choices,
          so that the role-play can still assess the next officer who takes it.
        </p>
      )}
    </div>
  );
}
