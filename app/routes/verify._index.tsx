import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { checkCredentialInput, credentialInputFrom, MAX_CREDENTIAL_BYTES } from "../credentials/verify.server";
import { respondToDomainError } from "../forms";
import { CredentialCheckResult } from "../ui/credential-check";
import { NO_SCRIPTS } from "../ui/page-scripts";

// Works as a plain HTML page: no JavaScript is sent (app/ui/page-scripts.ts).
export const handle = NO_SCRIPTS;

export const meta: MetaFunction = () => [
  { title: "Verify a credential · Circlekeeper" },
  { name: "robots", content: "noindex" },
];

export function loader() {
  return { limitKb: MAX_CREDENTIAL_BYTES / 1024 };
}

// Public on purpose: anyone handed a credential may check it. It changes nothing and shows only what the
// credential itself says.
export async function action({ request }: ActionFunctionArgs) {
  try {
    const result = await checkCredentialInput(await credentialInputFrom(await request.formData()));
    return { ok: true as const, result, errors: {} as Record<string, string> };
  } catch (error) {
    return respondToDomainError(error);
  }
}

export default function VerifyCredentialPage() {
  const { limitKb } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = answer?.errors ?? {};
  const error = errors.credential ?? errors.file ?? errors.form;
  return (
    <div className="page narrow stack">
      <h1>Verify a credential</h1>
      <p>
        Check a Circlekeeper certification credential (an Open Badges 3.0 credential, as a <code>.jwt</code> or{" "}
        <code>.json</code> file): whether its signature is this Circlekeeper&apos;s and unchanged, whether it is
        current, and whether it has been revoked.
      </p>
      {error ? (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor="credential">Paste the credential</label>
          <p className="hint" id="credential-hint">
            The text of the .jwt file, or the whole .json file (up to {limitKb} KB).
          </p>
          <textarea
            id="credential"
            name="credential"
            rows={6}
            aria-describedby="credential-hint"
            aria-invalid={errors.credential ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="file">Or choose the credential file</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".jwt,.json,application/json"
            aria-invalid={errors.file ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          Verify
        </button>
      </Form>
      {answer && answer.ok && "result" in answer ? (
        <CredentialCheckResult check={answer.result} headingId="check-result" />
      ) : null}
    </div>
  );
}
