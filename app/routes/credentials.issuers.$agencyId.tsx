// Public on purpose: the issuer Profile a credential's issuer id points at (the agency's name and nothing more).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "../auth/require-user.server";
import { agencyProfile } from "../credentials/published.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const profile = await agencyProfile(params.agencyId ?? "");
  if (!profile) throw notFound("There is no issuer at this address.");
  return Response.json(profile, { headers: { "Cache-Control": "public, max-age=3600" } });
}
