import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "../auth/require-user.server";
import { verifyCode } from "../certification/certificates.server";
import { checkCredentialOfCode } from "../credentials/verify.server";
import { formatDay } from "../ui/certification-status";
import { CredentialCheckResult } from "../ui/credential-check";
import { NO_SCRIPTS } from "../ui/page-scripts";

// Works as a plain HTML page: no JavaScript is sent (app/ui/page-scripts.ts).
export const handle = NO_SCRIPTS;

export const meta: MetaFunction = () => [
  { title: "Verify a certificate · Circlekeeper" },
  { name: "robots", content: "noindex" },
];

// Public: anyone holding a code may check it. It shows the name, program, dates and status, nothing else.
export async function loader({ params }: LoaderFunctionArgs) {
  const result = await verifyCode(params.code ?? "");
  if (!result) throw notFound("No certificate has this verification code. Check the code and try again.");
  return { ...result, credential: await checkCredentialOfCode(params.code ?? "") };
}

const LABEL = { valid: "Valid", expired: "Expired", revoked: "Revoked" } as const;

export default function VerifyPage() {
  const v = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>Certificate verification</h1>
      <div className={`alert ${v.validity === "valid" ? "alert--ok" : "alert--error"}`} role="status">
        <p>
          <strong>{LABEL[v.validity]}</strong>
        </p>
      </div>
      <dl className="facts">
        <dt>Name</dt>
        <dd dir="auto">{v.officerName}</dd>
        <dt>Program</dt>
        <dd>{v.programTitle}</dd>
        <dt>Issued</dt>
        <dd>{formatDay(v.issuedAt)}</dd>
        <dt>Valid until</dt>
        <dd>{formatDay(v.validUntil)}</dd>
        <dt>Status</dt>
        <dd>{LABEL[v.validity]}</dd>
      </dl>
      {v.credential ? <CredentialCheckResult check={v.credential} headingId="credential-check" /> : null}
      <p>
        <a href="/verify">Verify a credential file</a>
      </p>
    </div>
  );
}
