// Small test-data factories: the fewest rows a test needs, with readable defaults, each overridable. Rows go
// straight to this test file's own database (no seed); names are numbered so factories can be called repeatedly.
import crypto from "node:crypto";
import type { SessionUser } from "../../app/auth/roles";
import { prisma } from "../../app/db/db.server";
import { latestVersionOf } from "../../app/scenarios/library.server";
import { REFLECTIVE_LOG } from "./practicum";

let counter = 0;
const next = () => ++counter;

export interface Place {
  agencyId: string;
  unitId: string;
}

/** A new agency with one unit. */
export async function makeAgency(name = `Test Agency ${next()}`): Promise<Place> {
  const agency = await prisma.agency.create({ data: { name } });
  const unit = await prisma.unit.create({ data: { name: `${name} Unit`, agencyId: agency.id } });
  return { agencyId: agency.id, unitId: unit.id };
}

async function makeUser(
  role: SessionUser["role"],
  place: Place,
  overrides: Partial<Pick<SessionUser, "name" | "email">>,
): Promise<SessionUser> {
  const n = next();
  const email = overrides.email ?? `${role}-${n}@example.org`;
  const name = overrides.name ?? `Test ${role} ${n}`;
  const user = await prisma.user.create({
    data: { email, name, role, agencyId: place.agencyId, unitId: place.unitId, passwordHash: "not-a-real-hash" },
    select: { id: true },
  });
  return { id: user.id, email, name, role, agencyId: place.agencyId, unitId: place.unitId };
}

/** An officer of the place's unit (no password: sign them in with `cookieFor`). */
export function makeOfficer(
  place: Place,
  overrides: Partial<Pick<SessionUser, "name" | "email">> = {},
): Promise<SessionUser> {
  return makeUser("officer", place, overrides);
}

/** A supervisor who supervises the place's unit. */
export async function makeSupervisor(
  place: Place,
  overrides: Partial<Pick<SessionUser, "name" | "email">> = {},
): Promise<SessionUser> {
  const supervisor = await makeUser("supervisor", place, overrides);
  await prisma.supervisedUnit.create({ data: { supervisorId: supervisor.id, unitId: place.unitId } });
  return supervisor;
}

export interface AttemptFacts {
  mode?: "practice" | "assessed";
  status?: "in_progress" | "completed" | "left";
  score?: number;
  passed?: boolean;
  at?: Date;
}

/**
 * An attempt row on the latest version of `slug`, as recorded facts (no choices replayed): for tests of what is
 * read from attempts (lists, rosters, exports). Tests of play go through `startAttempt` and `choose` instead.
 */
export async function makeAttempt(
  officer: SessionUser,
  slug: string,
  facts: AttemptFacts = {},
): Promise<{ id: string }> {
  const version = await latestVersionOf(slug);
  if (!version) throw new Error(`no published version of "${slug}"`);
  const { mode = "practice", status = "completed", score = 80, passed = true, at = new Date() } = facts;
  const finished = status !== "in_progress";
  return prisma.attempt.create({
    data: {
      userId: officer.id,
      scenarioVersionId: version.id,
      scenarioSlug: slug,
      mode,
      status,
      startedAt: at,
      updatedAt: at,
      ...(finished && { finishedAt: at }),
      ...(status === "completed" && { score, passed }),
    },
    select: { id: true },
  });
}

/** A practicum entry as the officer logs it (submitted), with a complete reflective log. */
export function makePracticumEntry(
  officer: SessionUser,
  overrides: { date?: Date; kind?: string; status?: "submitted" | "confirmed" | "returned" } = {},
) {
  return prisma.practicumEntry.create({
    data: {
      officerId: officer.id,
      date: overrides.date ?? new Date("2026-03-02T00:00:00Z"),
      kind: overrides.kind ?? "joint-meeting",
      processType: "Victim-offender dialogue",
      role: "Co-facilitator",
      participantCount: 6,
      outcome: "Agreement reached.",
      ...REFLECTIVE_LOG,
      status: overrides.status ?? "submitted",
      submissionKey: crypto.randomUUID(),
    },
    select: { id: true },
  });
}
