// The site search: modules and role-plays for anyone on the police side; officers only for those who supervise
// them, inside their units (an admin: the agency), decided on the server.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { loader as searchLoader } from "../../app/routes/search";
import { cookieFor, get, run, seedOnce } from "../support/app";

beforeAll(seedOnce, 240_000);

type Hit = { title: string; to: string };
type Results = { modules: Hit[]; rolePlays: Hit[]; officers: Hit[] | null };

async function searchAs(email: string, q: string): Promise<Results> {
  const res = await run(searchLoader, get(`/search?q=${encodeURIComponent(q)}`, await cookieFor(email)));
  expect(res.status).toBe(200);
  return res.data.results as Results;
}

describe("site search", () => {
  it("finds modules and role-plays by title words in any case, title matches first", async () => {
    const found = await searchAs("officer@example.org", "BREAK-IN");
    expect(found.rolePlays.map((h) => h.to)).toContain("/scenarios/burglary-dialogue");
    const modules = await searchAs("officer@example.org", "restoration");
    expect(modules.modules[0]!.to).toBe("/modules/what-is-restoration");
    expect(found.officers).toBeNull();
  });

  it("finds officers only in the units a supervisor supervises", async () => {
    const north = await searchAs("supervisor@example.org", "nguyen");
    expect(north.officers!.map((h) => h.title)).toEqual(["Thao Nguyen"]);
    const south = await searchAs("supervisor2@example.org", "nguyen");
    expect(south.officers).toEqual([]);
    // Both precincts' officers for the admin; nobody from another agency.
    const other = await prisma.agency.create({
      data: {
        name: "Search County",
        users: {
          create: { email: "s.nguyen@elsewhere.example", name: "Sam Nguyen", role: "officer", passwordHash: "x" },
        },
      },
    });
    const admin = await searchAs("admin@example.org", "nguyen");
    expect(admin.officers!.map((h) => h.title)).toEqual(["Thao Nguyen"]);
    await prisma.user.deleteMany({ where: { agencyId: other.id } });
    // Not trainers, supervisors or admins: officers only.
    expect((await searchAs("supervisor@example.org", "morgan")).officers).toEqual([]);
  });

  it("answers an over-long search with 400 and a message, and refuses a community reviewer", async () => {
    const long = await run(searchLoader, get(`/search?q=${"a".repeat(101)}`, await cookieFor("officer@example.org")));
    expect(long.status).toBe(400);
    expect(long.data.error).toMatch(/at most 100 characters/);
    expect((await run(searchLoader, get("/search?q=circle", await cookieFor("advocate@example.org")))).status).toBe(
      403,
    );
  });
});
