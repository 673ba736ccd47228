import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { passwordProblem } from "../auth/password.server";
import { requireUser } from "../auth/require-user.server";
import { GRANTABLE, GRANTABLE_LABELS, ROLE_LABELS, ROLES, type GrantablePermission, type Role } from "../auth/roles";
import { invalid, readForm, respondToDomainError } from "../forms";
import { Field } from "../ui/field";
import { FormResult } from "../ui/form-result";
import {
  createUser,
  listAgencyUsers,
  resetPassword,
  setGrant,
  setSupervisedUnits,
  updateRoleAndUnit,
} from "../users/users.server";

export const meta: MetaFunction = () => [{ title: "Users · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  return { ...(await listAgencyUsers(admin.agencyId)), adminId: admin.id };
}

const password = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});
const unitId = z.string().transform((v) => (v === "" ? null : v));
const role = z.enum(ROLES, { errorMap: () => ({ message: "Choose a role." }) });

const Intent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string().trim().min(1, "Enter a name.").max(120),
    email: z.string().trim().email("Enter a valid email address.").max(254),
    role,
    unitId,
    password,
  }),
  z.object({ intent: z.literal("reset-password"), userId: z.string().min(1), password }),
  z.object({ intent: z.literal("update"), userId: z.string().min(1), role, unitId }),
  z.object({
    intent: z.literal("supervise"),
    userId: z.string().min(1),
    supervisedUnitIds: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : ([] as string[]).concat(v))),
  }),
  z.object({
    intent: z.literal("grant"),
    userId: z.string().min(1),
    permission: z.enum(Object.keys(GRANTABLE) as [GrantablePermission], { errorMap: () => ({ message: "Unknown permission." }) }),
    held: z.enum(["yes", "no"], { errorMap: () => ({ message: "Say whether the person holds the permission." }) }),
  }),
], { errorMap: () => ({ message: "Unknown action." }) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  const form = readForm(await request.formData(), Intent);
  if (!form.ok) return invalid(form.errors);
  const input = form.value;
  try {
    switch (input.intent) {
      case "create":
        await createUser(admin, input);
        return { ok: true as const, message: `Created an account for ${input.name}.`, errors: {} };
      case "reset-password":
        await resetPassword(admin, input.userId, input.password);
        return { ok: true as const, message: "Password reset. The user has been signed out everywhere.", errors: {} };
      case "update":
        await updateRoleAndUnit(admin, input.userId, input.role, input.unitId);
        return { ok: true as const, message: "Role and unit saved.", errors: {} };
      case "supervise":
        await setSupervisedUnits(admin, input.userId, input.supervisedUnitIds);
        return { ok: true as const, message: "Supervised units saved.", errors: {} };
      case "grant":
        await setGrant(admin, input.userId, input.permission, input.held === "yes");
        return { ok: true as const, message: input.held === "yes" ? "Permission granted." : "Permission withdrawn.", errors: {} };
    }
  } catch (error) {
    return respondToDomainError(error);
  }
}

export default function AdminUsers() {
  const { users, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.errors : {};
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return (
    <div className="page">
      <h1>Users</h1>
      {result?.ok ? <FormResult of={result} ok><p>{result.message}</p></FormResult> : null}
      {result && !result.ok ? (
        <FormResult of={result} ok={false}>
          <p>Nothing was changed:</p>
          <ul>{Object.entries(errors).map(([k, v]) => <li key={k}>{v}</li>)}</ul>
        </FormResult>
      ) : null}
      <section aria-labelledby="people" className="stack">
        <h2 id="people">People in your agency</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Unit</th><th scope="col">Manage</th></tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.name}{u.lockedUntil && new Date(u.lockedUntil) > new Date() ? <> <span className="badge badge--danger">Locked</span></> : null}</td>
                  <td>{u.email}</td>
                  <td>{ROLE_LABELS[u.role as keyof typeof ROLE_LABELS] ?? u.role}{u.grants.includes("observations:record") && (GRANTABLE["observations:record"] as readonly string[]).includes(u.role) ? <> <span className="badge">Assessor</span></> : null}</td>
                  <td>{u.unitId ? unitName.get(u.unitId) : "—"}</td>
                  <td>
                    <details>
                      <summary>Manage {u.name}</summary>
                      <Form method="post" className="card stack">
                        <input type="hidden" name="intent" value="update" />
                        <input type="hidden" name="userId" value={u.id} />
                        <div className="field">
                          <label htmlFor={`role-${u.id}`}>Role</label>
                          <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
                          </select>
                        </div>
                        <div className="field">
                          <label htmlFor={`unit-${u.id}`}>Unit</label>
                          <select id={`unit-${u.id}`} name="unitId" defaultValue={u.unitId ?? ""}>
                            <option value="">No unit</option>
                            {units.map((unit) => <option key={unit.id} value={unit.id}>{unit.name}</option>)}
                          </select>
                        </div>
                        <button className="button button--secondary" type="submit">Save role and unit</button>
                      </Form>
                      {u.role === "supervisor" || u.role === "admin" ? (
                        <Form method="post" className="card">
                          <input type="hidden" name="intent" value="supervise" />
                          <input type="hidden" name="userId" value={u.id} />
                          <fieldset>
                            <legend>Units {u.name} supervises</legend>
                            {units.map((unit) => (
                              <div key={unit.id}>
                                <input type="checkbox" id={`sup-${u.id}-${unit.id}`} name="supervisedUnitIds" value={unit.id} defaultChecked={u.supervisedUnitIds.includes(unit.id)} />{" "}
                                <label htmlFor={`sup-${u.id}-${unit.id}`} className="inline-label">{unit.name}</label>
                              </div>
                            ))}
                          </fieldset>
                          <button className="button button--secondary" type="submit">Save supervised units</button>
                        </Form>
                      ) : null}
                      {(Object.keys(GRANTABLE) as GrantablePermission[]).filter((p) => (GRANTABLE[p] as readonly Role[]).includes(u.role as Role)).map((p) => (
                        <Form method="post" className="card" key={p}>
                          <input type="hidden" name="intent" value="grant" />
                          <input type="hidden" name="userId" value={u.id} />
                          <input type="hidden" name="permission" value={p} />
                          <input type="hidden" name="held" value={u.grants.includes(p) ? "no" : "yes"} />
                          <p>{GRANTABLE_LABELS[p]}: <strong>{u.grants.includes(p) ? "granted" : "not granted"}</strong></p>
                          <button className="button button--secondary" type="submit">{u.grants.includes(p) ? `Withdraw assessor permission from ${u.name}` : `Make ${u.name} an assessor`}</button>
                        </Form>
                      ))}
                      <Form method="post" className="card">
                        <input type="hidden" name="intent" value="reset-password" />
                        <input type="hidden" name="userId" value={u.id} />
                        <Field name="password" id={`pw-${u.id}`} label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." />
                        <button className="button button--secondary" type="submit">Reset password</button>
                      </Form>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="create" className="card" >
        <h2 id="create">Create a user</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field name="name" label="Full name" autoComplete="off" error={errors.name} />
          <Field name="email" label="Email" type="email" autoComplete="off" error={errors.email} />
          <div className="field">
            <label htmlFor="new-role">Role</label>
            <select id="new-role" name="role" defaultValue="officer">
              {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="new-unit">Unit</label>
            <select id="new-unit" name="unitId" defaultValue={units[0]?.id ?? ""} aria-invalid={errors.unitId ? true : undefined}>
              <option value="">No unit</option>
              {units.map((unit) => <option key={unit.id} value={unit.id}>{unit.name}</option>)}
            </select>
          </div>
          <Field name="password" id="new-password" label="Initial password" type="password" autoComplete="new-password" hint="At least 12 characters; not a common password." error={errors.password} />
          <button className="button" type="submit">Create user</button>
        </Form>
      </section>
    </div>
  );
}
