import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "../auth/require-user.server";
import { certificateFor, certificatePdfProblem } from "../certification/certificates.server";
import { credentialOfCertificate } from "../credentials/credentials.server";
import { formatDay } from "../ui/certification-status";

export const meta: MetaFunction = () => [{ title: "Certificate · Circlekeeper" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cert = await certificateFor(user, params.id ?? "");
  if (!cert) throw notFound("There is no certificate of yours at this address.");
  return {
    ...cert,
    verifyUrl: `${new URL(request.url).origin}/verify/${cert.code}`,
    pdfProblem: await certificatePdfProblem(cert),
    credential: await credentialOfCertificate(cert.id),
  };
}

export default function CertificatePage() {
  const c = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p className="no-print row">
        <Link to={c.backTo}>
          {c.backTo === "/certification" ? "Back to certification" : "Back to the officer's record"}
        </Link>
        {c.pdfProblem ? null : (
          <a className="button button--secondary" href={`/certification/certificates/${c.id}.pdf`} download>
            Download PDF
          </a>
        )}
      </p>
      {c.pdfProblem ? (
        <p className="no-print alert alert--warn">
          {c.pdfProblem} Print this page instead (your browser&apos;s Print command can also save it as a PDF): it shows
          the name exactly as written.
        </p>
      ) : null}
      <article className="certificate" aria-labelledby="certificate-title">
        <p className="certificate__agency" dir="auto">
          {c.agencyName}
        </p>
        <h1 id="certificate-title" className="certificate__title">
          Certificate
        </h1>
        <p>This certifies that</p>
        <p className="certificate__name" dir="auto">
          {c.officerName}
        </p>
        <p>has met every requirement of</p>
        <p className="certificate__program" dir="auto">
          {c.programTitle}
        </p>
        <p>
          Issued {formatDay(c.issuedAt)} · valid until {formatDay(c.validUntil)}
        </p>
        {c.validity !== "valid" ? <p className="certificate__status">Status: {c.validity}</p> : null}
        <p className="certificate__code">
          Verification code <strong>{c.code}</strong>
        </p>
        <p className="muted">Check it at {c.verifyUrl}</p>
      </article>
      {c.credential ? (
        <section className="no-print stack" aria-labelledby="credential-h">
          <h2 id="credential-h">Digital credential</h2>
          <p>
            This certificate is also an Open Badges 3.0 verifiable credential, signed by {c.agencyName} through
            Circlekeeper on {formatDay(c.credential.issuedAt)}
            {c.credential.revokedAt ? `, revoked on ${formatDay(c.credential.revokedAt)}` : ""}. Add it to a digital
            wallet or send it to anyone who asks: they can check it at <a href="/verify">Verify a credential</a>.
          </p>
          <p className="row">
            <a className="button button--secondary" href={`/certification/certificates/${c.id}.jwt`} download>
              Download the credential (.jwt)
            </a>
            <a className="button button--secondary" href={`/certification/certificates/${c.id}.json`} download>
              Download the credential (.json)
            </a>
          </p>
        </section>
      ) : null}
    </div>
  );
}
