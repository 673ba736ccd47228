// Buttons that run a WebAuthn ceremony. @simplewebauthn/browser is imported on click, so only these pages load it.
import { useState } from "react";

/** What our passkey endpoints answer: the ceremony's options (checked by @simplewebauthn), an error, or where next. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the options' shape is the library's to check
type PasskeyAnswer = { error?: string; redirectTo?: string } & any;

async function postJson(url: string, body: unknown): Promise<{ ok: boolean; body: PasskeyAnswer }> {
  // The server takes only form bodies (server/request-guards.js): the JSON travels in one form field.
  const res = await fetch(url, { method: "POST", body: new URLSearchParams({ payload: JSON.stringify(body) }) });
  return { ok: res.ok, body: await res.json().catch(() => ({})) };
}

function describe(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "AbortError") return "The passkey request was cancelled or timed out.";
  return error instanceof Error ? error.message : "Something went wrong with the passkey.";
}

export function RegisterPasskey({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState("");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  async function register() {
    setStatus(null);
    try {
      const { startRegistration } = await import("@simplewebauthn/browser");
      const options = await postJson("/account/passkeys", { step: "options" });
      if (!options.ok) throw new Error(options.body.error ?? "Could not start.");
      const response = await startRegistration({ optionsJSON: options.body });
      const saved = await postJson("/account/passkeys", { step: "register", name, response });
      if (!saved.ok) throw new Error(saved.body.error ?? "The passkey was not saved.");
      setStatus({ ok: true, text: "Passkey added." });
      onDone();
    } catch (error) {
      setStatus({ ok: false, text: describe(error) });
    }
  }
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor="passkey-name">Name for the new passkey (for example “Work laptop”)</label>
        <input id="passkey-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
      </div>
      <button type="button" className="button" onClick={register}>
        Add a passkey
      </button>
      {status ? (
        <p role={status.ok ? "status" : "alert"} className={`alert ${status.ok ? "alert--ok" : "alert--error"}`}>
          {status.text}
        </p>
      ) : null}
    </div>
  );
}

export function UsePasskey() {
  const [error, setError] = useState<string | null>(null);
  async function authenticate() {
    setError(null);
    try {
      const { startAuthentication } = await import("@simplewebauthn/browser");
      const options = await postJson("/login/passkey", { step: "options" });
      if (!options.ok) throw new Error(options.body.error ?? "Could not start.");
      const response = await startAuthentication({ optionsJSON: options.body });
      const result = await postJson("/login/passkey", { step: "verify", response });
      if (!result.ok) throw new Error(result.body.error ?? "The passkey was not accepted.");
      window.location.assign(result.body.redirectTo ?? "/");
    } catch (e) {
      setError(describe(e));
    }
  }
  return (
    <div className="stack">
      <button type="button" className="button" onClick={authenticate}>
        Use a passkey
      </button>
      {error ? (
        <p role="alert" className="alert alert--error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
