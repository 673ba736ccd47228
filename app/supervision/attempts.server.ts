// A supervisor reading one of their officers' attempts: transcript and, once finished, the debrief.
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { loadVersion } from "../scenarios/library.server";
import { debriefView, playerView } from "../scenarios/views";
import { findSupervisedOfficer } from "./scope.server";

export async function supervisedAttempt(supervisor: SessionUser, officerId: string, attemptId: string) {
  const officer = await findSupervisedOfficer(supervisor, officerId);
  if (!officer) return null;
  const row = await prisma.attempt.findUnique({ where: { id: attemptId }, select: { userId: true, status: true, choices: true, scenarioVersionId: true, startedAt: true } });
  if (!row || row.userId !== officer.id) return null;
  const version = await loadVersion(row.scenarioVersionId);
  if (!version) return null;
  const choices = JSON.parse(row.choices) as string[];
  const { scenario } = version.compiled;
  const view = playerView(scenario, choices);
  const finalStep = { position: view.position, nodeId: view.current.nodeId, narration: view.current.narration, lines: view.current.lines, choice: null };
  return {
    officerId: officer.id,
    officerName: officer.name,
    title: scenario.title,
    version: version.number,
    status: row.status,
    startedAt: row.startedAt,
    transcript: [...view.transcript, finalStep],
    debrief: row.status === "completed" ? debriefView(version.compiled, choices) : null,
    participants: scenario.participants.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    meters: scenario.meters,
  };
}
