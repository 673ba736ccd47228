// The published versions a draft is copied from and compared with, whatever its kind: scenario versions or
// module versions. The review flow (drafts.server.ts, stale-base.server.ts, draft-view.server.ts) reads versions
// only through here, so both kinds are drafted, reviewed, published and rolled back by the same code.
import { prisma, type Tx } from "../db/db.server";
import type { DraftKind } from "./draft-check.server";

/** One published version's text. */
export type VersionText = { id: string; number: number; source: string; slug: string };

const SCENARIO = { id: true, number: true, source: true, scenarioSlug: true } as const;
const MODULE = { id: true, number: true, source: true, moduleSlug: true } as const;

const scenarioText = (v: { id: string; number: number; source: string; scenarioSlug: string }): VersionText => ({
  id: v.id,
  number: v.number,
  source: v.source,
  slug: v.scenarioSlug,
});
const moduleText = (v: { id: string; number: number; source: string; moduleSlug: string }): VersionText => ({
  id: v.id,
  number: v.number,
  source: v.source,
  slug: v.moduleSlug,
});

/** A published version of this kind by id, or null. */
export async function versionText(kind: DraftKind, id: string, db: Tx = prisma): Promise<VersionText | null> {
  if (kind === "scenario") {
    const v = await db.scenarioVersion.findUnique({ where: { id }, select: SCENARIO });
    return v && scenarioText(v);
  }
  const v = await db.moduleVersion.findUnique({ where: { id }, select: MODULE });
  return v && moduleText(v);
}

/** The latest published version of the scenario or module `slug`, or null. */
export async function latestVersionText(kind: DraftKind, slug: string, db: Tx = prisma): Promise<VersionText | null> {
  const orderBy = { number: "desc" } as const;
  if (kind === "scenario") {
    const v = await db.scenarioVersion.findFirst({ where: { scenarioSlug: slug }, orderBy, select: SCENARIO });
    return v && scenarioText(v);
  }
  const v = await db.moduleVersion.findFirst({ where: { moduleSlug: slug }, orderBy, select: MODULE });
  return v && moduleText(v);
}

/** Where a published version is shown in the studio. */
export function versionHref(kind: DraftKind, slug: string, number: number): string {
  return `/studio/${kind}s/${slug}?version=${number}`;
}
