import { Form, Link, useNavigation } from "@remix-run/react";
import type { KnowledgeCheckView } from "../modules/check-attempts.server";
import type { CheckGate } from "../modules/check-rules";
import type { PublicQuestion } from "../modules/format";
import type { CheckReview, ReviewQuestion } from "../modules/knowledge-check";
import { formatDateTime } from "./certification-status";

interface Props {
  check: KnowledgeCheckView;
  errors: Record<string, string | undefined>;
  /** the module after this one, for the action that follows a pass (null: this is the last) */
  next: { slug: string; title: string } | null;
}

/** Options are lettered in the order shown (which is shuffled per attempt): A, B, C... */
function letter(index: number): string {
  return String.fromCharCode(65 + index);
}

function OptionText({ index, text }: { index: number; text: string }) {
  return (
    <>
      <span className="option__letter">
        {letter(index)}
        <span className="visually-hidden">.</span>
      </span>
      {text}
    </>
  );
}

export function KnowledgeCheck({ check, errors, next }: Props) {
  const { rules } = check;
  return (
    <section className="knowledge-check card" aria-labelledby="check-heading">
      <h2 id="check-heading">Knowledge check</h2>
      <p>
        Each attempt draws {check.questionsPerAttempt} questions from a bank of {check.bankSize}, in a new order. You
        need {check.passMark}% to pass. If an attempt does not pass, you see which answers were wrong and what to
        review; the answers themselves are shown once you pass. Attempts are at least {rules.cooldownMinutes} minutes
        apart, and at most {rules.attemptsPerDay} in 24 hours.
      </p>
      {check.review ? <AttemptReview review={check.review} next={next} /> : null}
      {errors.form ? (
        <div className="alert alert--error" role="alert">
          <p>{errors.form}</p>
        </div>
      ) : null}
      {check.form ? (
        <CheckForm questions={check.form.questions} submissionKey={check.form.submissionKey} errors={errors} />
      ) : null}
      {!check.gate.open && !(check.gate.reason === "passed" && check.review) ? <GateNotice gate={check.gate} /> : null}
    </section>
  );
}

function GateNotice({ gate }: { gate: Exclude<CheckGate, { open: true }> }) {
  if (gate.reason === "prerequisites") {
    return (
      <div className="alert alert--warn" id="check-gate">
        <p>
          The knowledge check opens once you have passed{" "}
          {gate.missing.map((m, i) => (
            <span key={m.slug}>
              {i ? ", " : ""}
              <Link to={`/modules/${m.slug}`}>{m.title}</Link>
            </span>
          ))}
          .
        </p>
      </div>
    );
  }
  return (
    <div className="alert alert--warn" id="check-gate">
      <p>{gate.message}</p>
    </div>
  );
}

function AttemptReview({ review, next }: { review: CheckReview; next: Props["next"] }) {
  return (
    <>
      <div
        className={`alert ${review.passed ? "alert--ok" : "alert--error"}`}
        role="status"
        tabIndex={-1}
        id="check-result"
      >
        <p>
          <strong>{review.passed ? "Passed" : "Not passed yet"}:</strong> {review.correctCount} of {review.total}{" "}
          correct ({review.score}%).
          {review.passed
            ? " This module is complete."
            : " The answers that were not right are marked below with what to review."}
        </p>
        {review.passed ? (
          <p>
            {next ? (
              <Link className="button" to={`/modules/${next.slug}`}>
                Next module: {next.title}
              </Link>
            ) : (
              <Link className="button" to="/modules">
                Back to modules
              </Link>
            )}
          </p>
        ) : null}
      </div>
      <h3>
        {review.passed ? "Your passed attempt" : "Your last attempt"} ({formatDateTime(review.at)} UTC)
      </h3>
      <ol className="questions">
        {review.questions.map((q) => (
          <ReviewedQuestion key={q.id} question={q} />
        ))}
      </ol>
    </>
  );
}

function ReviewedQuestion({ question: q }: { question: ReviewQuestion }) {
  const chosenIndex = q.options.findIndex((o) => o.id === q.chosen);
  const chosen = chosenIndex === -1 ? "no answer" : `${letter(chosenIndex)}. ${q.options[chosenIndex]!.text}`;
  return (
    <li className="question">
      <p className="question__prompt">{q.prompt}</p>
      {q.key ? (
        <ul className="review-options">
          {q.options.map((o, i) => (
            <li key={o.id}>
              <OptionText index={i} text={o.text} />
              {o.id === q.key!.answer ? <span className="badge badge--ok">Correct answer</span> : null}
              {o.id === q.chosen ? <span className="badge badge--neutral">Your answer</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>Your answer: {chosen}</p>
      )}
      <p className={`explanation ${q.correct ? "explanation--right" : "explanation--wrong"}`}>
        <strong>{q.correct ? "Right." : "Not quite."}</strong> {q.key ? q.key.explanation : q.idea}
      </p>
    </li>
  );
}

function CheckForm({
  questions,
  submissionKey,
  errors,
}: {
  questions: PublicQuestion[];
  submissionKey: string;
  errors: Record<string, string | undefined>;
}) {
  const navigation = useNavigation();
  return (
    <Form method="post" preventScrollReset aria-label="Your attempt">
      <input type="hidden" name="intent" value="check" />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <ol className="questions">
        {questions.map((q, index) => {
          const errorId = `${q.id}-error`;
          return (
            <li key={q.id} className="question">
              <fieldset aria-describedby={errors[q.id] ? errorId : undefined}>
                <legend>
                  <span className="visually-hidden">Question {index + 1}: </span>
                  {q.prompt}
                </legend>
                {q.options.map((o, i) => (
                  <div key={o.id} className="option">
                    {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- ARIA 1.2 keeps aria-invalid global; screen readers announce it on the radio */}
                    <input
                      type="radio"
                      id={`${q.id}-${o.id}`}
                      name={q.id}
                      value={o.id}
                      aria-invalid={errors[q.id] ? true : undefined}
                    />
                    <label htmlFor={`${q.id}-${o.id}`} className="option__label">
                      <OptionText index={i} text={o.text} />
                    </label>
                  </div>
                ))}
                {errors[q.id] ? (
                  <p className="field-error" id={errorId}>
                    {errors[q.id]}
                  </p>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        Submit answers
      </button>
    </Form>
  );
}
