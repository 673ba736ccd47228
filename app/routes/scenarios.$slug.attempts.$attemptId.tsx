import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect, replace } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { invalid, readForm } from "../forms";
import { scenarioSurveyOffered } from "../insight/training-links.server";
import { attemptPage, choose, findOwnAttempt, leaveAttempt } from "../scenarios/attempts.server";
import { AssessedPlayer } from "../ui/assessed-player";
import { DebriefView } from "../ui/debrief";
import { ScenarioPlayer } from "../ui/scenario-player";
import { useRefusal } from "../ui/use-refusal";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Role-play"} · Circlekeeper` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "scenarios:play" });
  const page = await attemptPage(user, params.attemptId ?? "", params.slug ?? "");
  if (!page) throw notFound("There is no attempt of yours at this address.");
  return { ...page, survey: page.debrief ? await scenarioSurveyOffered(user.id, page.slug) : false };
}

const ActionForm = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("choose"),
      choiceId: z
        .string({ required_error: "Pick a choice." })
        .regex(/^[a-z][a-z0-9-]*$/, "Pick one of the choices offered."),
      position: z.coerce.number({ invalid_type_error: "The form is incomplete." }).int().min(0).max(10_000),
    }),
    z.object({ intent: z.literal("leave") }),
  ],
  { errorMap: () => ({ message: "Unknown action." }) },
);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "scenarios:play" });
  const attemptId = params.attemptId ?? "";
  const here = `/scenarios/${params.slug}/attempts/${attemptId}`;
  const form = readForm(await request.formData(), ActionForm);
  if (!form.ok) return invalid(form.errors);
  if (form.value.intent === "leave") {
    if (!(await leaveAttempt(user, attemptId)) && !(await findOwnAttempt(user, attemptId, params.slug))) {
      throw notFound("There is no attempt of yours at this address.");
    }
    return redirect("/scenarios");
  }
  // One read, one insert, one update: choose() checks ownership and the scenario itself.
  const outcome = await choose(user, attemptId, form.value.position, form.value.choiceId, params.slug);
  switch (outcome.kind) {
    case "recorded":
    case "duplicate":
      // Replace, not push: the whole attempt is one entry in the browser's history, so Back leaves the player.
      return replace(here);
    case "not-found":
      throw notFound("There is no attempt of yours at this address.");
    case "conflict":
      return data({ ok: false as const, errors: { form: outcome.message } }, { status: 409 });
    case "not-offered":
      return data({ ok: false as const, errors: { choiceId: outcome.message } }, { status: 400 });
  }
}

export default function AttemptPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const error = errors.form ?? errors.choiceId ?? errors.position ?? null;
  const shownError = useRefusal(error, actionData);
  // When the last choice turns the player into the debrief, the focused step heading is gone: go to the verdict.
  const wasPlaying = useRef(!page.debrief);
  useEffect(() => {
    if (page.debrief && wasPlaying.current) document.getElementById("verdict-heading")?.focus();
    wasPlaying.current = !page.debrief;
  }, [page.debrief]);
  return (
    <div className="page">
      <p className="no-print">
        <Link to={`/scenarios/${page.slug}`}>{page.title}</Link>
      </p>
      <h1>
        {page.title}{" "}
        <span className="muted">
          {page.mode === "assessed" ? "· assessed attempt" : ""}
          {page.debrief ? " · debrief" : page.status === "left" ? " · left" : ""}
        </span>
      </h1>
      {page.debrief ? (
        <DebriefView
          debrief={page.debrief}
          participants={page.participants}
          next={{ slug: page.slug, assessed: page.mode === "assessed", scenario: page.next, survey: page.survey }}
        />
      ) : page.assessed ? (
        <>
          <p className="muted no-print">
            This attempt is assessed: it counts toward your certification. Each step comes from the server once you have
            answered the one before; the debrief at the end covers the choices you made.
          </p>
          <AssessedPlayer
            view={page.assessed}
            participants={page.participants}
            progress={page.progress}
            error={shownError}
          />
          <div className="row no-print pause-bar">
            <Link to="/scenarios" className="button button--secondary">
              Pause and come back later
            </Link>
            <Form method="post">
              <input type="hidden" name="intent" value="leave" />
              <button type="submit" className="button button--quiet">
                Leave this assessed attempt (counts as not passed)
              </button>
            </Form>
          </div>
        </>
      ) : page.player && page.recorded && page.status === "in_progress" ? (
        <>
          <ScenarioPlayer scenario={page.player} recorded={page.recorded} progress={page.progress} error={shownError} />
          <div className="row no-print pause-bar">
            <Link to="/scenarios" className="button button--secondary">
              Pause and come back later
            </Link>
            <Form method="post">
              <input type="hidden" name="intent" value="leave" />
              <button type="submit" className="button button--quiet">
                Leave this attempt (no pass or fail)
              </button>
            </Form>
          </div>
        </>
      ) : (
        <p>
          {page.mode === "assessed"
            ? "You left this assessed attempt; it counts as not passed."
            : "You left this attempt; it counts as neither a pass nor a fail."}{" "}
          <Link to={`/scenarios/${page.slug}`}>Back to the role-play</Link>
        </p>
      )}
    </div>
  );
}
