// The result of checking a credential: one line per check (signature, dates, status), each passed or failed
// in words, and what the credential says once its signature holds.
import type { CredentialCheck } from "../credentials/verify.server";
import { formatDay } from "./certification-status";

const CHECK_NAMES = { signature: "Signature", dates: "Dates", status: "Revocation status" } as const;

export function CredentialCheckResult({ check, headingId }: { check: CredentialCheck; headingId: string }) {
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Signed credential: {check.valid ? "verified" : "not valid"}</h2>
      <div className={`alert ${check.valid ? "alert--ok" : "alert--error"}`} role="status">
        <p>
          <strong>
            {check.valid
              ? "This credential is authentic, current and not revoked."
              : "This credential does not verify: see which check failed below."}
          </strong>
        </p>
      </div>
      <dl className="facts">
        {check.checks.map((c) => (
          <div key={c.name}>
            <dt>{CHECK_NAMES[c.name]}</dt>
            <dd>
              <strong>{c.ok ? "Passed" : "Failed"}:</strong> {c.message}
            </dd>
          </div>
        ))}
      </dl>
      {check.says ? (
        <dl className="facts" aria-label="What the credential says">
          <dt>Certification</dt>
          <dd>{check.says.name}</dd>
          <dt>Issued by</dt>
          <dd>{check.says.issuer}</dd>
          <dt>Holder</dt>
          <dd dir="auto">{check.says.holder}</dd>
          <dt>Valid from</dt>
          <dd>{formatDay(check.says.validFrom)}</dd>
          {check.says.validUntil ? (
            <>
              <dt>Valid until</dt>
              <dd>{formatDay(check.says.validUntil)}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}
