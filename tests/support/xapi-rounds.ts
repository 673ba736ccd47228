// A separate process running xAPI delivery rounds on the database named by DATABASE_URL, as a server would.
// Used by the test that kills a process mid-send (SIGKILL) and restarts another. Prints "round started".
import { prisma } from "../../app/db/db.server";
import { runXapiRound } from "../../app/jobs/xapi-outbox.server";

const { rounds } = JSON.parse(process.argv[2] ?? "{}") as { rounds: number };
const TICK_MS = Number(process.env.BACKGROUND_TICK_MS ?? 200);

for (let round = 0; round < rounds; round++) {
  process.stdout.write("round started\n");
  const result = await runXapiRound(new Date(), TICK_MS * 4);
  if (result && (await prisma.xapiOutbox.count({ where: { status: "queued" } })) === 0) break;
  // Waiting for the dead holder's lease to lapse: the test's only wait.
  await new Promise((resolve) => setTimeout(resolve, TICK_MS));
}
await prisma.$disconnect();
process.exit(0);
