import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../auth/password.server";
import { requireUser } from "../auth/require-user.server";
import { commitSessionCookie } from "../auth/session.server";
import { invalid, readForm } from "../forms";
import { Field } from "../ui/field";
import { changeOwnPassword, UserChangeError } from "../users/users.server";

export const meta: MetaFunction = () => [{ title: "Change your password · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { minLength: MIN_PASSWORD_LENGTH };
}

const ChangeForm = z
  .object({
    currentPassword: z.string({ required_error: "Enter your current password." }).min(1, "Enter your current password.").max(200),
    newPassword: z.string({ required_error: "Enter a new password." }).min(1, "Enter a new password.").max(200, "Use at most 200 characters."),
    confirmPassword: z.string({ required_error: "Enter the new password again." }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords are not the same." });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = readForm(await request.formData(), ChangeForm);
  if (!form.ok) return invalid(form.errors);
  try {
    const { sessionId } = await changeOwnPassword(user, form.value.currentPassword, form.value.newPassword);
    return data(
      { ok: true as const, message: "Password changed. You have been signed out on every other device.", errors: {} as Record<string, string> },
      { headers: { "Set-Cookie": await commitSessionCookie(sessionId) } },
    );
  } catch (error) {
    if (error instanceof UserChangeError) return invalid({ [error.field]: error.message });
    throw error;
  }
}

export default function ChangePassword() {
  const { minLength } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.errors : {};
  const navigation = useNavigation();
  return (
    <div className="page narrow">
      <h1>Change your password</h1>
      <div aria-live="polite">
        {result?.ok ? <div className="alert alert--ok"><p>{result.message}</p></div> : null}
        {result && !result.ok ? <div className="alert alert--error" role="alert"><p>Your password was not changed. Check the fields marked below.</p></div> : null}
      </div>
      <Form method="post" noValidate key={result?.ok ? "done" : "form"}>
        <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={errors.currentPassword} />
        <Field name="newPassword" label="New password" type="password" autoComplete="new-password" required hint={`At least ${minLength} characters; not a common password.`} error={errors.newPassword} />
        <Field name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>Change password</button>
      </Form>
    </div>
  );
}
