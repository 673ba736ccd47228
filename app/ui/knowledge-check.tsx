import { Form, useNavigation } from "@remix-run/react";
import type { PublicQuestion } from "../modules/format";
import type { CheckResult } from "../modules/knowledge-check";

interface Props {
  questions: PublicQuestion[];
  passMark: number;
  submissionKey: string;
  result: CheckResult | null;
  errors: Record<string, string | undefined>;
}

export function KnowledgeCheckForm({ questions, passMark, submissionKey, result, errors }: Props) {
  const navigation = useNavigation();
  const byId = new Map(result?.results.map((r) => [r.id, r]));
  return (
    <section className="knowledge-check card" aria-labelledby="check-heading">
      <h2 id="check-heading">Knowledge check</h2>
      <p>Answer every question. You need {passMark}% to pass; you can try as often as you like.</p>
      {result ? (
        <div className={`alert ${result.passed ? "alert--ok" : "alert--error"}`} role="status" tabIndex={-1} id="check-result">
          <p>
            <strong>{result.passed ? "Passed" : "Not passed yet"}:</strong> {result.correctCount} of {result.total} correct ({result.score}%).
            {result.passed ? " This module is complete." : " Read the explanations below, then try again."}
          </p>
        </div>
      ) : null}
      {errors.form ? <div className="alert alert--error" role="alert"><p>{errors.form}</p></div> : null}
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="check" />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <ol className="questions">
          {questions.map((q, index) => {
            const r = byId.get(q.id);
            const errorId = `${q.id}-error`;
            return (
              <li key={q.id} className="question">
                <fieldset aria-describedby={errors[q.id] ? errorId : undefined}>
                  <legend>
                    <span className="visually-hidden">Question {index + 1}: </span>
                    {q.prompt}
                  </legend>
                  {q.options.map((o) => (
                    <div key={o.id} className="option">
                      <input
                        type="radio"
                        id={`${q.id}-${o.id}`}
                        name={q.id}
                        value={o.id}
                        defaultChecked={r?.chosen === o.id}
                        aria-invalid={errors[q.id] ? true : undefined}
                      />
                      <label htmlFor={`${q.id}-${o.id}`} className="option__label">
                        {o.text}
                        {r && r.answer === o.id ? <span className="badge badge--ok">Correct answer</span> : null}
                        {r && r.chosen === o.id && !r.correct ? <span className="badge badge--danger">Your answer</span> : null}
                      </label>
                    </div>
                  ))}
                  {errors[q.id] ? <p className="field-error" id={errorId}>{errors[q.id]}</p> : null}
                  {r ? (
                    <p className={`explanation ${r.correct ? "explanation--right" : "explanation--wrong"}`}>
                      <strong>{r.correct ? "Right." : "Not quite."}</strong> {r.explanation}
                    </p>
                  ) : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {result ? "Submit again" : "Submit answers"}
        </button>
      </Form>
    </section>
  );
}
