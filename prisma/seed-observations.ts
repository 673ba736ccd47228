// Demo observations: three assessors (granted by the admin), an officer with an observation awaiting his
// response, two assessors who disagree on a double-scored observation (and the officer's response to it), and
// enough double-scored observations for the agreement page to show figures. Written through the app's own code.
import crypto from "node:crypto";
import type { SessionUser } from "../app/auth/roles";
import { isRole } from "../app/auth/roles";
import { addSecondScoring, recordObservation, respondToObservation } from "../app/certification/observations.server";
import type { Level } from "../app/certification/rubric-format";
import { findRubric } from "../app/certification/rubrics.server";
import { prisma } from "../app/db/db.server";
import { setGrant } from "../app/users/users.server";

const RUBRIC = "facilitating-a-meeting";
const L: Level[] = ["not-yet", "developing", "competent", "strong"];

async function sessionUser(email: string): Promise<SessionUser> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email }, include: { grants: true } });
  if (!isRole(u.role)) throw new Error(`unexpected role ${u.role}`);
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

function day(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** The form fields for one scoring: a rank (0..3) per criterion, with notes (written ones, or a plain summary). */
function scoringFields(
  ranks: number[],
  notes: string[] | null,
  overall: number,
  comment: string,
): Record<string, string> {
  const fields: Record<string, string> = { overall: L[overall]!, comment };
  findRubric(RUBRIC)!.criteria.forEach((c, i) => {
    fields[`level-${c.id}`] = L[ranks[i]!]!;
    fields[`evidence-${c.id}`] = notes?.[i] ?? `${c.title}: ${c.anchors[L[ranks[i]!]!].split(";")[0]!.trim()}`;
  });
  return fields;
}

async function observe(
  assessor: SessionUser,
  officerEmail: string,
  daysAgo: number,
  fields: Record<string, string>,
  setting = "real-meeting",
) {
  const officer = await prisma.user.findUniqueOrThrow({ where: { email: officerEmail } });
  const saved = await recordObservation(assessor, {
    officerId: officer.id,
    observedOn: day(daysAgo),
    setting,
    processKind: "joint-meeting",
    rubric: RUBRIC,
    submissionKey: crypto.randomUUID(),
    ...fields,
  });
  if (!saved?.ok) throw new Error(`seed observation refused: ${JSON.stringify(saved)}`);
  return saved.id;
}

async function secondScoring(assessor: SessionUser, observationId: string, fields: Record<string, string>) {
  const saved = await addSecondScoring(assessor, observationId, fields);
  if (!saved?.ok) throw new Error(`seed second scoring refused: ${JSON.stringify(saved)}`);
}

// Criterion order: preparation, opening, neutrality, questioning, emotion and safety, equal voice,
// accountability, agreement-making, closing.
const ALEX_NOTES = [
  "Both families arrived knowing the order of speaking; chairs were in a closed circle with the two sides balanced; a side room was ready.",
  "Stated the purpose and ground rules and checked agreement; named the limits of confidentiality (risk of serious harm, anything the law requires) in plain words.",
  'Even tone and eye contact for both sides; once called the young man "the suspect" and corrected himself.',
  'Used "What happened?" and "Who has been affected?" well; twice asked "why" questions that made the young man defensive.',
  "Offered a break when the mother began to cry, but in front of the group rather than privately.",
  "Invited the younger brother in by name; let the father answer for his son twice before stepping in.",
  "Asked the young man who had been affected and waited; did not push for an apology, which came in his own words.",
  "Drew terms from the participants; each item had who and when, but nobody was named to check the repair work.",
  "Summarized the agreement and explained follow-up; checked on the mother privately before she left.",
];

export async function seedObservations() {
  const admin = await sessionUser("admin@example.org");
  for (const email of ["supervisor@example.org", "trainer@example.org", "trainer2@example.org"]) {
    await setGrant(admin, (await sessionUser(email)).id, "observations:record", true);
  }
  const morgan = await sessionUser("supervisor@example.org");
  const jordan = await sessionUser("trainer@example.org");
  const priya = await sessionUser("trainer2@example.org");

  // Alex Rivera: observed at a real joint meeting; the observation waits for his response.
  await observe(
    morgan,
    "officer@example.org",
    6,
    scoringFields(
      [2, 3, 2, 1, 1, 2, 2, 1, 2],
      ALEX_NOTES,
      2,
      'A safe, well-prepared meeting. Work on questioning: replace "why" with "what were you thinking at the time", and agree who checks the agreement.',
    ),
  );

  // Jordan Ellis and Priya Nair score six meetings independently and mostly agree.
  const trainersAgree: [string, number[], number[]][] = [
    ["r.begay@example.org", [2, 2, 3, 2, 2, 1, 2, 2, 2], [2, 2, 3, 2, 1, 1, 2, 2, 2]],
    ["l.kowalski@example.org", [1, 1, 2, 1, 2, 1, 1, 1, 2], [1, 2, 2, 1, 2, 1, 1, 1, 2]],
    ["d.osei@example.org", [3, 3, 2, 3, 3, 2, 3, 2, 3], [3, 3, 2, 2, 3, 2, 3, 2, 3]],
    ["officer2@example.org", [0, 1, 1, 0, 1, 0, 1, 0, 1], [0, 1, 1, 1, 1, 0, 0, 0, 1]],
    ["r.begay@example.org", [2, 3, 3, 2, 2, 2, 3, 2, 3], [2, 3, 3, 2, 2, 2, 3, 3, 3]],
    ["l.kowalski@example.org", [2, 2, 2, 1, 2, 2, 1, 2, 2], [2, 2, 1, 1, 2, 2, 1, 2, 2]],
  ];
  for (const [n, [officer, first, second]] of trainersAgree.entries()) {
    const id = await observe(
      jordan,
      officer,
      60 - n * 7,
      scoringFields(first, null, median(first), "Scored for calibration against a second trainer."),
      n % 2 ? "role-play" : "real-meeting",
    );
    await secondScoring(
      priya,
      id,
      scoringFields(second, null, median(second), "Independent second scoring for calibration."),
    );
  }

  // Morgan Hale and Jordan Ellis score five meetings independently; Jordan scores higher, by up to two levels.
  const drifting: [string, number[], number[]][] = [
    ["m.garcia@example.org", [1, 2, 1, 1, 2, 1, 1, 1, 2], [2, 2, 2, 2, 2, 2, 1, 2, 3]],
    ["a.johnson@example.org", [2, 2, 2, 1, 2, 2, 2, 1, 2], [3, 3, 2, 2, 3, 2, 3, 2, 3]],
    ["m.garcia@example.org", [1, 1, 2, 0, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 1, 2, 2, 2]],
    ["a.johnson@example.org", [2, 3, 2, 2, 2, 2, 2, 2, 2], [3, 3, 3, 2, 3, 3, 2, 3, 3]],
  ];
  for (const [n, [officer, first, second]] of drifting.entries()) {
    const id = await observe(
      morgan,
      officer,
      40 - n * 8,
      scoringFields(first, null, median(first), "Scored at the meeting; see the notes per criterion."),
    );
    await secondScoring(
      jordan,
      id,
      scoringFields(second, null, median(second), "Independent second scoring from the video of the meeting."),
    );
  }
  // The one to open: Aisha Johnson's latest meeting, where the two assessors disagree most, and her response.
  const aisha = await observe(
    morgan,
    "a.johnson@example.org",
    3,
    scoringFields(
      [2, 1, 2, 1, 1, 2, 2, 1, 2],
      [
        "Seating balanced and both supporters briefed, but the side room was locked until halfway through.",
        'Ground rules read from the card without checking agreement; confidentiality limits mentioned only as "the usual exceptions".',
        "Comparable time for both sides; steady tone when the store owner raised his voice.",
        "Mostly open questions, but a run of closed questions about the timeline felt like an interview.",
        "Noticed the young woman going quiet, but only offered a break ten minutes later.",
        "Invited the store clerk in by name and waited for her answer.",
        "Helped the young woman describe the effect on the clerk in her own words.",
        "Agreement terms came from the parties; the payment plan had no dates.",
        "Clear summary and follow-up; checked privately with the clerk.",
      ],
      1,
      "Safe and fair; the opening and the agreement need tightening before I would call it competent overall.",
    ),
  );
  await secondScoring(
    jordan,
    aisha,
    scoringFields(
      [3, 2, 3, 2, 2, 2, 3, 2, 3],
      [
        "Both sides knew the order of speaking; supporters knew their part.",
        "Purpose and ground rules covered; limits of confidentiality named, if briefly.",
        "Notably even-handed, including when the store owner interrupted.",
        "Open, restorative questions with good follow-ups.",
        "Picked up the young woman's distress and offered a break.",
        "Every participant spoke in their own words.",
        "Strong: the acknowledgment answered what the clerk had said she needed to hear.",
        "Specific items with who and what; dates to be confirmed by letter.",
        "Thanked each person specifically; follow-up explained.",
      ],
      2,
      "A competent meeting with strong moments in accountability and closing.",
    ),
  );
  await respondToObservation(
    await sessionUser("a.johnson@example.org"),
    aisha,
    "I agree the ground rules were rushed; I will check agreement with each person next time and put dates in every payment plan.",
  );
}

function median(ranks: number[]): number {
  const sorted = [...ranks].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
