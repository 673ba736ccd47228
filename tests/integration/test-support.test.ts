// The test support itself: runTyped reads Remix's data() answers and thrown responses through public API only,
// and the factories make rows the app's own loaders then show.
import { describe, expect, it } from "vitest";
import { action as loginAction } from "../../app/routes/login";
import { loader as scenariosLoader } from "../../app/routes/scenarios._index";
import { supervisedUnitIds } from "../../app/supervision/scope.server";
import { cookieFor, get, post, runTyped } from "../support/app";
import { makeAgency, makeAttempt, makeOfficer, makePracticumEntry, makeSupervisor } from "../support/factories";

describe("runTyped", () => {
  it("reads the status and data of a data() answer", async () => {
    const answer = await runTyped(
      loginAction,
      post("/login", { email: "nobody@example.org", password: "wrong password" }),
    );
    expect(answer.status).toBe(401);
    expect(answer.data).toEqual({ ok: false, errors: { form: "That email and password do not match an account." } });
  });

  it("returns a thrown redirect instead of throwing it", async () => {
    const answer = await runTyped(scenariosLoader, get("/scenarios"));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("factories", () => {
  it("make an officer and supervisor of one unit, and attempts and practicum the app then reads", async () => {
    const place = await makeAgency();
    const officer = await makeOfficer(place);
    const supervisor = await makeSupervisor(place);
    expect(await supervisedUnitIds(supervisor)).toEqual([place.unitId]);

    const attempt = await makeAttempt(officer, "burglary-dialogue", { score: 72, passed: true });
    const page = await runTyped(scenariosLoader, get("/scenarios", await cookieFor(officer.email)));
    expect(page.status).toBe(200);
    expect(page.data.history.map((a) => ({ id: a.id, score: a.score, status: a.status }))).toEqual([
      { id: attempt.id, score: 72, status: "completed" },
    ]);

    const entry = await makePracticumEntry(officer);
    expect(entry.id).toEqual(expect.any(String));
  });
});
