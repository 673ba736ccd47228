// Crash safety: the production server on a database of its own takes concurrent role-play choices, practicum
// entries and sign-offs from many users; it is killed with SIGKILL in the middle, restarted on the same file,
// and every request it had answered with success must be in the database, whole.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { parse as parseYaml } from "yaml";
import { postForm, signInCookie, startServer, tempDir, type OwnServer } from "../support/own-server";
import { REFLECTIVE_LOG } from "../support/practicum";

test.describe.configure({ timeout: 300_000 });

const OFFICERS = 8;
const PASSWORD = "crash-test-passphrase";
const LEVEL_1 = "facilitator-level-1";
// What Level 1 needs: an assessed first play from each of its three pools (with its modules, an observation at
// competent or better and two co-facilitated joint meetings with logs).
const SETUP_SCENARIOS = ["burglary-dialogue", "reluctant-pre-conference", "youth-admission-consent"];
// Played during the crash: practice, and the last one assessed (the app refuses practice on the last
// scenario of a pool before the officer has been assessed on it).
const PLAYED_SCENARIOS = ["school-circle", "vandalism-conference", "use-of-force-meeting", "youth-diversion-crisis"];
const ASSESSED_DURING_CRASH = new Set(["youth-diversion-crisis"]);

interface Officer {
  email: string;
  id: string;
  unit: "North Precinct" | "South Precinct";
  cookie: string;
}

/** The answer key of every module, from content/ (what the server compiled at build). */
function answerKeys(): Map<string, Record<string, string>> {
  const keys = new Map<string, Record<string, string>>();
  for (const file of fs.readdirSync("content/modules").filter((f) => f.endsWith(".mdx"))) {
    const front = parseYaml(fs.readFileSync(path.join("content/modules", file), "utf8").split(/^---$/m)[1]!);
    keys.set(
      front.slug,
      Object.fromEntries(front.knowledgeCheck.map((q: { id: string; answer: string }) => [q.id, q.answer])),
    );
  }
  return keys;
}

function modelPath(db: Database.Database, slug: string): string[] {
  const row = db
    .prepare("SELECT compiled FROM ScenarioVersion WHERE scenarioSlug = ? ORDER BY number DESC LIMIT 1")
    .pluck()
    .get(slug) as string;
  return (JSON.parse(row).modelPath as { choiceId: string }[]).map((s) => s.choiceId);
}

async function startAttempt(
  server: OwnServer,
  cookie: string,
  slug: string,
  intent: "start" | "start-assessed" = "start",
): Promise<string> {
  const res = await postForm(server, `/scenarios/${slug}?index`, { intent }, cookie);
  const location = res.headers.get("location") ?? "";
  const match = new RegExp(`^/scenarios/${slug}/attempts/([^/?]+)$`).exec(location);
  if (res.status !== 302 || !match) throw new Error(`start ${slug}: ${res.status} ${location}`);
  return match[1]!;
}

async function choose(
  server: OwnServer,
  cookie: string,
  slug: string,
  attemptId: string,
  position: number,
  choiceId: string,
): Promise<boolean> {
  const here = `/scenarios/${slug}/attempts/${attemptId}`;
  const res = await postForm(server, here, { intent: "choose", choiceId, position: String(position) }, cookie);
  await res.arrayBuffer();
  return res.status === 302 && res.headers.get("location") === here;
}

test("acknowledged writes survive SIGKILL, nothing is half-written, and the database is intact", async () => {
  const dir = tempDir("crash");
  const file = path.join(dir, "circlekeeper.db");
  let server = await startServer(file);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const keys = answerKeys();
  const paths = Object.fromEntries(
    [...SETUP_SCENARIOS, ...PLAYED_SCENARIOS].map((slug) => [slug, modelPath(db, slug)]),
  );
  const level1Modules = parseYaml(fs.readFileSync(`content/certifications/${LEVEL_1}.yaml`, "utf8")).requirements
    .modules as string[];

  // --- Setup: officers made ready for Level 1 sign-off through the real pages' endpoints.
  const admin = await signInCookie(server, "admin@example.org");
  const adminPage = await (await fetch(`${server.url}/admin/users`, { headers: { Cookie: admin } })).text();
  const unitIds = {
    "North Precinct": /<option value="([^"]+)">North Precinct<\/option>/.exec(adminPage)![1]!,
    "South Precinct": /<option value="([^"]+)">South Precinct<\/option>/.exec(adminPage)![1]!,
  };
  const officers: Officer[] = [];
  for (let i = 0; i < OFFICERS; i++) {
    const unit = i % 2 ? "South Precinct" : "North Precinct";
    const email = `crash${i}@example.org`;
    const res = await postForm(
      server,
      "/admin/users",
      {
        intent: "create",
        name: `Crash Officer ${i}`,
        email,
        role: "officer",
        unitId: unitIds[unit],
        password: PASSWORD,
      },
      admin,
    );
    expect(res.status).toBe(200);
    const id = db.prepare("SELECT id FROM User WHERE email = ?").pluck().get(email) as string;
    officers.push({ email, id, unit, cookie: await signInCookie(server, email, PASSWORD) });
  }
  const assessor = await signInCookie(server, "trainer@example.org"); // holds observations:record in the demo seed
  const rubric = parseYaml(fs.readFileSync("content/rubrics/facilitating-a-meeting.yaml", "utf8")) as {
    criteria: { id: string }[];
  };
  const supervisors = {
    "North Precinct": await signInCookie(server, "supervisor@example.org"),
    "South Precinct": await signInCookie(server, "supervisor2@example.org"),
  };
  await Promise.all(
    officers.map(async (o) => {
      for (const slug of level1Modules) {
        // Opening the module draws the questions; the form carries their submission key.
        const page = await (await fetch(`${server.url}/modules/${slug}`, { headers: { Cookie: o.cookie } })).text();
        const submissionKey = /name="submissionKey" value="([^"]+)"/.exec(page)?.[1];
        expect(submissionKey, `${o.email} ${slug}: the check is open`).toBeTruthy();
        const res = await postForm(
          server,
          `/modules/${slug}`,
          { intent: "check", submissionKey: submissionKey!, ...keys.get(slug)! },
          o.cookie,
        );
        expect(res.status, `${o.email} ${slug}`).toBe(200);
      }
      for (const slug of SETUP_SCENARIOS) {
        const attemptId = await startAttempt(server, o.cookie, slug, "start-assessed");
        for (const [position, choiceId] of paths[slug]!.entries())
          expect(await choose(server, o.cookie, slug, attemptId, position, choiceId)).toBe(true);
      }
      const scoring = Object.fromEntries(
        rubric.criteria.flatMap((c) => [
          [`level-${c.id}`, "competent"],
          [`evidence-${c.id}`, "Seen and heard at the meeting."],
        ]),
      );
      const observed = await postForm(
        server,
        "/observations/new",
        {
          officerId: o.id,
          observedOn: "2026-03-01",
          setting: "role-play",
          processKind: "joint-meeting",
          rubric: "facilitating-a-meeting",
          submissionKey: crypto.randomUUID(),
          overall: "competent",
          comment: "A competent meeting throughout.",
          ...scoring,
        },
        assessor,
      );
      expect(observed.status, `${o.email}: observation`).toBe(302);
      for (const day of ["2026-03-02", "2026-03-09"]) {
        const res = await postForm(
          server,
          "/certification",
          {
            date: day,
            kind: "joint-meeting",
            processType: "Victim-offender dialogue",
            role: "Co-facilitator",
            participantCount: "6",
            outcome: "Agreement reached.",
            ...REFLECTIVE_LOG,
            submissionKey: crypto.randomUUID(),
          },
          o.cookie,
        );
        expect(res.status).toBe(200);
      }
      const entries = db.prepare("SELECT id FROM PracticumEntry WHERE officerId = ?").pluck().all(o.id) as string[];
      for (const entryId of entries) {
        const res = await postForm(
          server,
          `/supervisor/officers/${o.id}`,
          { intent: "confirm-practicum", entryId, comment: "" },
          supervisors[o.unit],
        );
        expect(res.status).toBe(200);
      }
    }),
  );
  for (const o of officers) {
    expect(
      db
        .prepare("SELECT status FROM OfficerStanding WHERE officerId = ? AND programSlug = ?")
        .pluck()
        .get(o.id, LEVEL_1),
      o.email,
    ).toBe("ready_for_sign_off");
  }

  // --- The crash: everyone writes at once; SIGKILL once a good share of the choices has been answered.
  const acked = {
    starts: [] as string[],
    choices: [] as { attemptId: string; position: number; choiceId: string }[],
    practicum: [] as string[],
    signOffs: [] as string[],
  };
  let sent = 0;
  const plannedChoices = officers.length * PLAYED_SCENARIOS.reduce((n, slug) => n + paths[slug]!.length, 0);
  const killAfter = Math.floor(plannedChoices * 0.55);
  let killed = false;
  let killing: Promise<void> | null = null;
  const maybeKill = () => {
    if (!killing && acked.choices.length >= killAfter) killing = server.kill().then(() => void (killed = true));
  };

  const officerWork = async (o: Officer) => {
    for (const slug of PLAYED_SCENARIOS) {
      sent++;
      const attemptId = await startAttempt(
        server,
        o.cookie,
        slug,
        ASSESSED_DURING_CRASH.has(slug) ? "start-assessed" : "start",
      );
      acked.starts.push(attemptId);
      for (const [position, choiceId] of paths[slug]!.entries()) {
        sent++;
        if (await choose(server, o.cookie, slug, attemptId, position, choiceId))
          acked.choices.push({ attemptId, position, choiceId });
        maybeKill();
      }
      const submissionKey = crypto.randomUUID();
      sent++;
      const res = await postForm(
        server,
        "/certification",
        {
          date: "2026-04-01",
          kind: "joint-meeting",
          processType: "Community conference",
          role: "Lead facilitator",
          participantCount: "9",
          outcome: `Conference after ${slug}.`,
          ...REFLECTIVE_LOG,
          submissionKey,
        },
        o.cookie,
      );
      if (res.status === 200 && (await res.text()).includes("Practicum entry logged."))
        acked.practicum.push(submissionKey);
    }
  };
  // Each supervisor signs off their officers one by one, spread over the time the choices take.
  const supervisorWork = async (unit: Officer["unit"]) => {
    const mine = officers.filter((o) => o.unit === unit);
    for (const [k, o] of mine.entries()) {
      while (acked.choices.length < ((k + 0.5) / mine.length) * killAfter * 1.1)
        await new Promise((r) => setTimeout(r, 5));
      sent++;
      const res = await postForm(
        server,
        `/supervisor/officers/${o.id}`,
        { intent: "sign-off", program: LEVEL_1, comment: "All Level 1 requirements met." },
        supervisors[unit],
      );
      if (res.status === 200 && (await res.text()).includes("Signed off.")) acked.signOffs.push(o.id);
    }
  };
  const outcomes = await Promise.allSettled([
    ...officers.map(officerWork),
    supervisorWork("North Precinct"),
    supervisorWork("South Precinct"),
  ]);
  // (Assigned inside the callback above, which control-flow analysis cannot see.)
  await (killing as Promise<void> | null);
  expect(killed, "the server was killed mid-way").toBe(true);
  expect(
    outcomes.some((o) => o.status === "rejected"),
    "some requests were cut off by the kill",
  ).toBe(true);
  expect(acked.choices.length).toBeLessThan(plannedChoices);
  db.close();

  // --- Restart on the same file, then look at everything that was acknowledged.
  server = await startServer(file);
  try {
    const after = new Database(file, { readonly: true, fileMustExist: true });
    expect(after.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(after.pragma("foreign_key_check")).toEqual([]);

    const event = after.prepare("SELECT choiceId FROM ChoiceEvent WHERE attemptId = ? AND position = ?").pluck();
    const attemptRow = after.prepare("SELECT choices FROM Attempt WHERE id = ?").pluck();
    const foundChoices = acked.choices.filter(
      (c) =>
        event.get(c.attemptId, c.position) === c.choiceId &&
        JSON.parse((attemptRow.get(c.attemptId) as string) ?? "[]")[c.position] === c.choiceId,
    ).length;
    const foundStarts = acked.starts.filter((id) => attemptRow.get(id) !== undefined).length;
    const foundPracticum = acked.practicum.filter((key) =>
      after.prepare("SELECT 1 FROM PracticumEntry WHERE submissionKey = ?").get(key),
    ).length;
    const foundSignOffs = acked.signOffs.filter(
      (id) =>
        after
          .prepare("SELECT 1 FROM SignOff WHERE officerId = ? AND programSlug = ? AND revokedAt IS NULL")
          .get(id, LEVEL_1) &&
        after.prepare("SELECT 1 FROM AuditEntry WHERE officerId = ? AND action = 'certification.signed_off'").get(id) &&
        after
          .prepare("SELECT status FROM OfficerStanding WHERE officerId = ? AND programSlug = ?")
          .pluck()
          .get(id, LEVEL_1) === "certified",
    ).length;

    // No attempt half-written: the count, the replay log and the events agree; a completed attempt has its result.
    const attempts = after
      .prepare(
        `
      SELECT a.id, a.status, a.choiceCount, a.choices, a.score, a.passed, a.finishedAt, a.endingId,
             (SELECT count(*) FROM ChoiceEvent e WHERE e.attemptId = a.id) AS events
      FROM Attempt a`,
      )
      .all() as {
      id: string;
      status: string;
      choiceCount: number;
      choices: string;
      score: number | null;
      passed: number | null;
      finishedAt: string | null;
      endingId: string | null;
      events: number;
    }[];
    const halfWritten = attempts.filter((a) => {
      const choices = JSON.parse(a.choices) as string[];
      const eventIds = after
        .prepare("SELECT choiceId FROM ChoiceEvent WHERE attemptId = ? ORDER BY position")
        .pluck()
        .all(a.id) as string[];
      if (a.choiceCount !== a.events || a.choiceCount !== choices.length || eventIds.join() !== choices.join())
        return true;
      if (a.status === "completed")
        return a.score === null || a.passed === null || a.finishedAt === null || a.endingId === null;
      return a.status === "in_progress" && a.score !== null;
    });
    const choiceEvents = after.prepare("SELECT count(*) FROM ChoiceEvent").pluck().get() as number;
    const last = acked.choices.at(-1)!;
    const lastAttempt = after.prepare("SELECT userId, scenarioSlug FROM Attempt WHERE id = ?").get(last.attemptId) as {
      userId: string;
      scenarioSlug: string;
    };
    const lastChoiceText = choiceTextOf(after, last);
    after.close();

    // The restarted server serves the data, to the same session: the officer reopens the last acknowledged attempt.
    const owner = officers.find((o) => o.id === lastAttempt.userId)!;
    const reopened = await fetch(`${server.url}/scenarios/${lastAttempt.scenarioSlug}/attempts/${last.attemptId}`, {
      headers: { Cookie: owner.cookie },
    });
    expect(reopened.status).toBe(200);
    // ...and sees the last acknowledged choice on it, as they made it ("You: ..." in play, "You chose: ..." in the debrief).
    expect(await reopened.text()).toContain(escapedAsReactDoes(lastChoiceText));

    const summary = {
      acknowledged: {
        starts: acked.starts.length,
        choices: acked.choices.length,
        practicum: acked.practicum.length,
        signOffs: acked.signOffs.length,
      },
      found: { starts: foundStarts, choices: foundChoices, practicum: foundPracticum, signOffs: foundSignOffs },
      requestsSent: sent,
      attemptsChecked: attempts.length,
      halfWritten: halfWritten.length,
      choiceEventsInDatabase: choiceEvents,
    };
    console.log(`crash test: ${JSON.stringify(summary)}`);
    expect(summary.found).toEqual(summary.acknowledged);
    expect(halfWritten).toEqual([]);
    expect(acked.signOffs.length).toBeGreaterThan(0);
    expect(acked.practicum.length + acked.starts.length).toBeGreaterThan(0);
  } finally {
    await server.stop();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The text of the choice recorded at `position` of an attempt, from the scenario version it was played on. */
function choiceTextOf(db: Database.Database, { attemptId, position }: { attemptId: string; position: number }): string {
  const row = db
    .prepare(
      `
    SELECT v.compiled AS compiled, e.nodeId AS nodeId, e.choiceId AS choiceId
    FROM ChoiceEvent e JOIN Attempt a ON a.id = e.attemptId JOIN ScenarioVersion v ON v.id = a.scenarioVersionId
    WHERE e.attemptId = ? AND e.position = ?`,
    )
    .get(attemptId, position) as { compiled: string; nodeId: string; choiceId: string };
  const { scenario } = JSON.parse(row.compiled) as {
    scenario: { nodes: Record<string, { choices: { id: string; text: string }[] }> };
  };
  const choice = scenario.nodes[row.nodeId]?.choices.find((c) => c.id === row.choiceId);
  if (!choice) throw new Error(`no choice ${row.nodeId}/${row.choiceId} in the attempt's scenario version`);
  return choice.text;
}

function escapedAsReactDoes(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}
