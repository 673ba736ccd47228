// A separate process running background rounds on the database named by DATABASE_URL, as a server would.
// Used by tests that kill a process mid-send and restart another. Prints "round started" before each round.
import { prisma } from "../../app/db/db.server";
import { runBackgroundRound } from "../../app/jobs/background.server";

const {
  rounds,
  untilEmpty,
  clockOffsetMs = 0,
} = JSON.parse(process.argv[2] ?? "{}") as {
  rounds: number;
  untilEmpty?: boolean;
  /** Runs as if this much later than the clock says: a restart after leases and claims have lapsed. */
  clockOffsetMs?: number;
};
const TICK_MS = Number(process.env.BACKGROUND_TICK_MS ?? 200);

for (let round = 0; round < rounds; round++) {
  process.stdout.write("round started\n");
  const result = await runBackgroundRound(new Date(Date.now() + clockOffsetMs));
  if (untilEmpty && result.held && (await prisma.emailOutbox.count({ where: { status: "queued" } })) === 0) break;
  // Waiting for the previous holder's lease to lapse, or for a retry to fall due: the test's only waits.
  await new Promise((resolve) => setTimeout(resolve, TICK_MS));
}
await prisma.$disconnect();
process.exit(0);
