// The README's demo-account table, checked against a freshly seeded demo database: each officer it names is in
// the state it says, so the README cannot drift from the seed again (issue 15).
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/roles";
import { isRole } from "../../app/auth/roles";
import { standingsOf } from "../../app/certification/evidence.server";
import { statusLine } from "../../app/certification/presentation";
import type { ProgramStanding, Requirement } from "../../app/certification/status";
import { prisma } from "../../app/db/db.server";
import { supervisorWorklist } from "../../app/home/worklist.server";
import { seedOnce } from "../support/app";

const L1 = "facilitator-level-1";
const L2 = "facilitator-level-2";
// Line breaks in the README are only wrapping.
const README = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");

async function officer(email: string) {
  return prisma.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, name: true, unit: { select: { name: true } } },
  });
}

async function standings(email: string): Promise<Map<string, ProgramStanding>> {
  return standingsOf((await officer(email)).id);
}

const unmet = (reqs: Requirement[]) => reqs.filter((r) => !r.met).map((r) => r.kind);

async function sessionUser(email: string): Promise<SessionUser> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email }, include: { grants: true } });
  if (!isRole(u.role)) throw new Error(u.role);
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    agencyId: u.agencyId,
    unitId: u.unitId,
    grants: u.grants.map((g) => g.permission as "observations:record"),
  };
}

// Seeding plays every demo role-play through the app's own code: slow on a loaded machine.
beforeAll(async () => {
  await seedOnce();
}, 240_000);

describe("the README's demo accounts", () => {
  it("names each account with its role and unit", async () => {
    const rows: [string, string, string | null][] = [
      ["officer@example.org", "officer", "North Precinct"],
      ["officer2@example.org", "officer", "South Precinct"],
      ["trainer@example.org", "trainer", "Training Academy"],
      ["trainer2@example.org", "trainer", "Training Academy"],
      ["supervisor@example.org", "supervisor", "North Precinct"],
      ["supervisor2@example.org", "supervisor", "South Precinct"],
      ["admin@example.org", "admin", null],
      ["advocate@example.org", "community_reviewer", null],
    ];
    for (const [email, role, unit] of rows) {
      expect(README).toContain(email);
      const u = await prisma.user.findUniqueOrThrow({
        where: { email },
        include: { unit: true, supervises: { include: { unit: true } } },
      });
      expect([email, u.role, u.unit?.name ?? null]).toEqual([email, role, unit]);
      if (role === "supervisor") expect(u.supervises.map((s) => s.unit.name)).toEqual([unit]);
    }
  });

  it("Daniel Osei (South) is truly ready for Level 1 sign-off, and the South supervisor's worklist says so", async () => {
    expect(README).toMatch(/Daniel Osei\s+\(`d\.osei@example\.org`, South\) is truly ready for Level 1 sign-off/);
    expect((await officer("d.osei@example.org")).unit?.name).toBe("South Precinct");
    const s = (await standings("d.osei@example.org")).get(L1)!;
    expect(s.status).toBe("ready_for_sign_off");
    expect(unmet(s.requirements)).toEqual(["sign_off"]);
    const worklist = await supervisorWorklist(await sessionUser("supervisor2@example.org"));
    expect(worklist?.find((g) => g.id === "sign-off")?.items.map((i) => i.text)).toEqual([
      "Daniel Osei: Restorative Facilitator, Level 1",
    ]);
  });

  it("Thao Nguyen (North) has the modules and assessed role-plays, one practicum entry waiting, and needs an observation", async () => {
    expect(README).toMatch(/Thao Nguyen\s+\(`t\.nguyen@example\.org`, North\)/);
    const s = (await standings("t.nguyen@example.org")).get(L1)!;
    expect(s.status).toBe("in_progress");
    expect(unmet(s.requirements)).toEqual(["observation", "practicum", "sign_off"]);
    const thao = await officer("t.nguyen@example.org");
    expect(await prisma.practicumEntry.count({ where: { officerId: thao.id, status: "submitted" } })).toBe(1);
    const worklist = await supervisorWorklist(await sessionUser("supervisor@example.org"));
    const toConfirm = worklist?.find((g) => g.id === "confirm")?.items ?? [];
    expect(toConfirm.filter((i) => i.text.startsWith("Thao Nguyen: ")).map((i) => i.to)).toEqual([
      `/supervisor/officers/${thao.id}#practicum-h`,
    ]);
    expect(toConfirm.map((i) => i.text)).toContain(
      "Aisha Johnson: 4 development hours of " + new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10),
    );
  });

  it("Aisha Johnson holds Level 1, expiring soon, with her renewal under way as described", async () => {
    expect(README).toMatch(/Aisha Johnson\s+\(`a\.johnson@example\.org`, North\) holds Level 1, it expires soon/);
    const s = (await standings("a.johnson@example.org")).get(L1)!;
    expect(s.status).toBe("expiring_soon");
    const renewal = s.renewal!.requirements;
    expect(renewal.find((r) => r.kind === "formal_processes")?.met).toBe(true);
    expect(renewal.find((r) => r.kind === "cpd")).toMatchObject({ hours: 8, requiredHours: 12, met: false });
    expect(renewal.find((r) => r.kind === "module")).toMatchObject({ slug: "facilitation-skills", met: false });
    const aisha = await officer("a.johnson@example.org");
    expect(
      (await prisma.cpdActivity.findMany({ where: { officerId: aisha.id, status: "submitted" } })).map((c) => c.hours),
    ).toEqual([4]);
    // Her Level 2 has begun (she holds Level 1): one case study accepted, one waiting.
    expect(statusLine((await standings("a.johnson@example.org")).get(L2)!.status, []).label).toBe("In progress");
  });

  it("Miguel Garcia has just started, and Level 2 reads 'Not started: requires Level 1' for officers without Level 1", async () => {
    const all = await standings("m.garcia@example.org");
    expect(all.get(L1)!.status).toBe("in_progress");
    expect(all.get(L1)!.requirements.filter((r) => r.kind === "module" && r.met)).toHaveLength(2);
    const l2 = all.get(L2)!;
    const titled = l2.requirements.map((r) => ({
      ...r,
      title: r.kind === "program" ? "Restorative Facilitator, Level 1" : "",
    }));
    expect(statusLine(l2.status, titled).label).toBe("Not started: requires Restorative Facilitator, Level 1");
  });

  it("Marcus Reed (North) waits for a retake authorization; Hương Trần (South) keeps her diacritics", async () => {
    expect(README).toMatch(/Marcus Reed \(`m\.reed@example\.org`, North\)/);
    expect((await standings("m.reed@example.org")).get(L1)!.awaitingRetake).toBe(1);
    expect(await officer("h.tran@example.org")).toMatchObject({ name: "Hương Trần", unit: { name: "South Precinct" } });
  });

  it("Alex Rivera has an observation waiting for his response; Morgan and Jordan disagree on Aisha's latest observation", async () => {
    const alex = await officer("officer@example.org");
    expect(alex.name).toBe("Alex Rivera");
    expect(await prisma.observation.count({ where: { officerId: alex.id, officerResponse: null } })).toBe(1);
    const aisha = await officer("a.johnson@example.org");
    const latest = await prisma.observation.findFirstOrThrow({
      where: { officerId: aisha.id },
      orderBy: { observedOn: "desc" },
      include: { scorings: { include: { criteria: true } } },
    });
    const [first, second] = latest.scorings.sort((a, b) => a.position - b.position);
    expect(first!.overall).not.toBe(second!.overall);
  });
});
