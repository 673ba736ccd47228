// Public on purpose: the Achievement a credential's achievement id points at (the program, its criteria and
// the competencies it aligns to).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "../auth/require-user.server";
import { programAchievement } from "../credentials/published.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const achievement = await programAchievement(params.programSlug ?? "");
  if (!achievement) throw notFound("There is no achievement at this address.");
  return Response.json(achievement, { headers: { "Cache-Control": "public, max-age=3600" } });
}
