// The agency's sign-in settings: second-factor policy, factor resets, and (below) its identity provider.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { signInOverview } from "../auth/agency-sign-in.server";
import { resetFactors } from "../auth/mfa.server";
import { requireUser } from "../auth/require-user.server";
import { ROLE_LABELS, ROLES, type Role } from "../auth/roles";
import { updatePolicy } from "../auth/sign-in-policy.server";
import { domainRefusal, invalid, readForm } from "../forms";
import { callbackUrl, saveConnection } from "../sso/oidc.server";
import { Field } from "../ui/field";
import { FormResult } from "../ui/form-result";

export const meta: MetaFunction = () => [{ title: "Sign-in settings · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  return { ...(await signInOverview(admin.agencyId)), redirectUri: callbackUrl(request) };
}

const checkbox = z
  .enum(["on"])
  .optional()
  .transform((v) => v === "on");
const Intent = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("policy"),
      mfaRoles: z
        .union([z.enum(ROLES), z.array(z.enum(ROLES))], {
          errorMap: () => ({ message: "Choose roles from the list." }),
        })
        .optional()
        .transform((v) => (v === undefined ? [] : ([] as Role[]).concat(v))),
      requireSso: checkbox,
      ssoLocalMfa: checkbox,
      breakGlassUserId: z
        .string()
        .max(100)
        .transform((v) => (v === "" ? null : v)),
    }),
    z.object({ intent: z.literal("reset-factors"), userId: z.string().min(1, "Choose a person.").max(100) }),
    z.object({
      intent: z.literal("provider"),
      issuer: z.string().trim().min(1, "Enter the issuer address.").max(500),
      clientId: z.string().trim().min(1, "Enter the client id.").max(500),
      clientSecret: z.string().max(2000).default(""),
      emailClaim: z.string().trim().min(1, "Name the claim that carries the email address.").max(100),
      nameClaim: z.string().trim().min(1, "Name the claim that carries the name.").max(100),
      unitClaim: z.string().trim().max(100).default(""),
      groupsClaim: z.string().trim().min(1, "Name the claim that carries the groups.").max(100),
      groupMapping: z.string().max(20_000, "The group mapping is too long.").default("[]"),
      requiredGroup: z.string().trim().max(200).default(""),
      enabled: checkbox,
    }),
  ],
  { errorMap: () => ({ message: "Unknown action." }) },
);

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  const form = readForm(await request.formData(), Intent);
  if (!form.ok) return invalid(form.errors);
  const input = form.value;
  try {
    switch (input.intent) {
      case "policy":
        await updatePolicy(admin, {
          mfaRoles: input.mfaRoles,
          requireSso: input.requireSso,
          ssoLocalMfa: input.ssoLocalMfa,
          breakGlassUserId: input.breakGlassUserId,
        });
        return { ok: true as const, message: "Sign-in policy saved.", errors: {} as Record<string, string> };
      case "reset-factors":
        await resetFactors(admin, input.userId);
        return {
          ok: true as const,
          message: "Second factors reset. The person sets them up again at their next sign-in.",
          errors: {} as Record<string, string>,
        };
      case "provider": {
        const { intent: _intent, ...connection } = input;
        await saveConnection(admin, connection);
        return {
          ok: true as const,
          message: "Identity provider saved. The client secret is stored encrypted and not shown again.",
          errors: {} as Record<string, string>,
        };
      }
    }
  } catch (error) {
    const refusal = domainRefusal(error);
    return invalid({ [refusal.field]: refusal.message }, refusal.status);
  }
}

export default function AdminSignIn() {
  const { policy, admins, users, connection, redirectUri } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = answer?.errors ?? {};
  const firstError = Object.values(errors).find(Boolean);
  return (
    <div className="page">
      <h1>Sign-in settings</h1>
      {answer?.ok ? (
        <FormResult of={answer} ok>
          {answer.message}
        </FormResult>
      ) : null}
      {firstError ? (
        <FormResult of={answer} ok={false}>
          {firstError}
        </FormResult>
      ) : null}
      <section aria-labelledby="policy-heading">
        <h2 id="policy-heading">Second-factor policy</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="policy" />
          <fieldset>
            <legend>Roles that must use a second factor</legend>
            {ROLES.map((role) => (
              <label key={role} className="checkbox">
                <input type="checkbox" name="mfaRoles" value={role} defaultChecked={policy.mfaRoles.includes(role)} />{" "}
                {ROLE_LABELS[role]}
              </label>
            ))}
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" name="requireSso" defaultChecked={policy.requireSso} /> Require single sign-on for
            everyone (local passwords refused)
          </label>
          <label className="checkbox">
            <input type="checkbox" name="ssoLocalMfa" defaultChecked={policy.ssoLocalMfa} /> Also ask single sign-on
            users for a Circlekeeper second factor
          </label>
          <div className="field">
            <label htmlFor="breakGlassUserId">Break-glass admin (may still sign in with a password)</label>
            <select id="breakGlassUserId" name="breakGlassUserId" defaultValue={policy.breakGlassUserId ?? ""}>
              <option value="">None</option>
              {admins.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Save policy
          </button>
        </Form>
      </section>
      <section aria-labelledby="provider-heading">
        <h2 id="provider-heading">Identity provider (OpenID Connect)</h2>
        <p>
          Register this redirect URI with your provider: <code data-testid="redirect-uri">{redirectUri}</code>
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="provider" />
          <Field
            name="issuer"
            label="Issuer"
            defaultValue={connection?.issuer ?? ""}
            hint="For example https://login.microsoftonline.com/<tenant id>/v2.0"
            error={errors.issuer}
          />
          <Field name="clientId" label="Client id" defaultValue={connection?.clientId ?? ""} error={errors.clientId} />
          <Field
            name="clientSecret"
            label="Client secret"
            type="password"
            autoComplete="off"
            hint={
              connection?.hasSecret ? "A secret is saved; leave empty to keep it." : "Shown never again after saving."
            }
            error={errors.clientSecret}
          />
          <Field
            name="emailClaim"
            label="Claim with the email address"
            defaultValue={connection?.emailClaim ?? "email"}
            error={errors.emailClaim}
          />
          <Field
            name="nameClaim"
            label="Claim with the name"
            defaultValue={connection?.nameClaim ?? "name"}
            error={errors.nameClaim}
          />
          <Field
            name="groupsClaim"
            label="Claim with the groups"
            defaultValue={connection?.groupsClaim ?? "groups"}
            error={errors.groupsClaim}
          />
          <Field
            name="unitClaim"
            label="Claim with the unit name (optional)"
            defaultValue={connection?.unitClaim ?? ""}
            error={errors.unitClaim}
          />
          <Field
            name="requiredGroup"
            label="Group required to sign in (optional)"
            defaultValue={connection?.requiredGroup ?? ""}
            error={errors.requiredGroup}
          />
          <div className="field">
            <label htmlFor="groupMapping">Group mapping (JSON: the first group with a role gives the role)</label>
            <p className="hint" id="groupMapping-hint">
              For example [{"{"}"group": "ck-supervisors", "role": "supervisor", "unit": "North Precinct"{"}"}]
            </p>
            <textarea
              id="groupMapping"
              name="groupMapping"
              rows={5}
              aria-describedby="groupMapping-hint"
              defaultValue={connection?.groupMapping ?? "[]"}
            />
          </div>
          <label className="checkbox">
            <input type="checkbox" name="enabled" defaultChecked={connection?.enabled ?? true} /> Offer sign-in through
            this provider
          </label>
          <button type="submit" className="button">
            Save identity provider
          </button>
        </Form>
      </section>
      <section aria-labelledby="factors-heading">
        <h2 id="factors-heading">Reset someone's second factors</h2>
        <p>For someone who lost their phone and their recovery codes. They are signed out and set up a factor again.</p>
        <Form method="post">
          <input type="hidden" name="intent" value="reset-factors" />
          <div className="field">
            <label htmlFor="reset-userId">Person</label>
            <select id="reset-userId" name="userId" defaultValue="">
              <option value="" disabled>
                Choose…
              </option>
              {users
                .filter((u) => u.totp || u.passkeys > 0)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} (
                    {[u.totp ? "authenticator app" : null, u.passkeys ? `${u.passkeys} passkey(s)` : null]
                      .filter(Boolean)
                      .join(", ")}
                    )
                  </option>
                ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            Reset second factors
          </button>
        </Form>
      </section>
    </div>
  );
}
