// Pieces of the second-factor pages: setting up an authenticator app, and the recovery codes shown once.
import { Form } from "@remix-run/react";
import { Field } from "./field";

export function TotpSetup({
  qrSvgDataUri,
  secret,
  error,
  intent,
}: {
  qrSvgDataUri: string;
  secret: string;
  error?: string;
  intent: string;
}) {
  return (
    <section aria-labelledby="totp-setup-heading" className="stack">
      <h2 id="totp-setup-heading">Set up an authenticator app</h2>
      <ol>
        <li>
          Open an authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator or
          1Password).
        </li>
        <li>Scan this code, or type the setup key below into the app.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <img
        src={qrSvgDataUri}
        width={200}
        height={200}
        alt="QR code to scan with your authenticator app (the setup key below holds the same information)"
      />
      <p>
        Setup key: <code data-testid="totp-secret">{secret}</code>
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value={intent} />
        <Field
          name="code"
          label="6-digit code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          required
          error={error}
        />
        <button type="submit" className="button">
          Confirm
        </button>
      </Form>
    </section>
  );
}

export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="recovery-heading" className="alert alert--warn">
      <h2 id="recovery-heading">Your recovery codes</h2>
      <p>
        Each code signs you in once if you lose your phone. Keep them somewhere safe, such as a password manager: they
        are shown only now.
      </p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
