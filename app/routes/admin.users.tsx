import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { passwordProblem } from "../auth/password.server";
import { requireUser } from "../auth/require-user.server";
import { GRANTABLE, ROLES, type GrantablePermission } from "../auth/roles";
import { invalid, readForm, respondToDomainError } from "../forms";
import { Field } from "../ui/field";
import { FormResult } from "../ui/form-result";
import { PasswordFields, RoleAndUnitFields, UserList, UserSearch } from "../ui/user-list";
import { usersListFor } from "../users/directory.server";
import { createUser, resetPassword, setGrant, setSupervisedUnits, updateRoleAndUnit } from "../users/users.server";

export const meta: MetaFunction = () => [{ title: "Users · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { permission: "users:manage" });
  const list = await usersListFor(admin.agencyId, new URL(request.url).searchParams);
  return data({ ...list, adminId: admin.id }, { status: list.queryErrors ? 400 : 200 });
}

const password = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});
const unitId = z.string().transform((v) => (v === "" ? null : v));
// A checkbox: present ("yes") when ticked. The form ticks it by default (docs/decisions/0211-must-change-password.md).
const mustChangePassword = z
  .enum(["yes"], { errorMap: () => ({ message: "Tick the box or leave it clear." }) })
  .optional()
  .transform((v) => v === "yes");
const role = z.enum(ROLES, { errorMap: () => ({ message: "Choose a role." }) });

const Intent = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("create"),
      name: z.string().trim().min(1, "Enter a name.").max(120),
      email: z.string().trim().email("Enter a valid email address.").max(254),
      role,
      unitId,
      password,
      mustChangePassword,
    }),
    z.object({ intent: z.literal("reset-password"), userId: z.string().min(1), password, mustChangePassword }),
    z.object({ intent: z.literal("update"), userId: z.string().min(1), role, unitId }),
    z.object({
      intent: z.literal("supervise"),
      userId: z.string().min(1),
      supervisedUnitIds: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((v) => (v === undefined ? [] : ([] as string[]).concat(v))),
    }),
    z.object({
      intent: z.literal("grant"),
      userId: z.string().min(1),
      permission: z.enum(Object.keys(GRANTABLE) as [GrantablePermission], {
        errorMap: () => ({ message: "Unknown permission." }),
      }),
      held: z.enum(["yes", "no"], { errorMap: () => ({ message: "Say whether the person holds the permission." }) }),
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
      case "create":
        await createUser(admin, input);
        return { ok: true as const, message: `Created an account for ${input.name}.`, errors: {} };
      case "reset-password":
        await resetPassword(admin, input.userId, input.password, input.mustChangePassword);
        return {
          ok: true as const,
          message: `Password reset. The user has been signed out everywhere${input.mustChangePassword ? " and must choose a new password at next sign-in" : ""}.`,
          errors: {},
        };
      case "update":
        await updateRoleAndUnit(admin, input.userId, input.role, input.unitId);
        return { ok: true as const, message: "Role and unit saved.", errors: {} };
      case "supervise":
        await setSupervisedUnits(admin, input.userId, input.supervisedUnitIds);
        return { ok: true as const, message: "Supervised units saved.", errors: {} };
      case "grant":
        await setGrant(admin, input.userId, input.permission, input.held === "yes");
        return {
          ok: true as const,
          message: input.held === "yes" ? "Permission granted." : "Permission withdrawn.",
          errors: {},
        };
    }
  } catch (error) {
    return respondToDomainError(error);
  }
}

export default function AdminUsers() {
  const page = useLoaderData<typeof loader>();
  const { units } = page;
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.errors : {};
  return (
    <div className="page">
      <h1>Users</h1>
      {result?.ok ? (
        <FormResult of={result} ok>
          <p>{result.message}</p>
        </FormResult>
      ) : null}
      {result && !result.ok ? (
        <FormResult of={result} ok={false}>
          <p>Nothing was changed:</p>
          <ul>
            {Object.entries(errors).map(([k, v]) => (
              <li key={k}>{v}</li>
            ))}
          </ul>
        </FormResult>
      ) : null}
      <section aria-labelledby="people" className="stack">
        <h2 id="people">People in your agency</h2>
        <UserSearch query={page.query} units={units} errors={page.queryErrors} />
        <UserList page={page} />
      </section>
      <section aria-labelledby="create" className="card">
        <h2 id="create">Create a user</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field name="name" label="Full name" autoComplete="off" error={errors.name} />
          <Field name="email" label="Email" type="email" autoComplete="off" error={errors.email} />
          <RoleAndUnitFields
            idPrefix="new"
            units={units}
            defaultRole="officer"
            defaultUnitId={units[0]?.id ?? ""}
            unitError={errors.unitId}
          />
          <PasswordFields
            idPrefix="new"
            label="Initial password"
            hint="At least 12 characters; not a common password."
            error={errors.password}
          />
          <button className="button" type="submit">
            Create user
          </button>
        </Form>
      </section>
    </div>
  );
}
