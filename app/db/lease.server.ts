// One process at a time runs a background job: it holds a lease row and renews it on each run; when the holder
// stops renewing (it crashed or was stopped), another process takes over after the lease lapses. The conditional
// update is one statement, so two processes can never both believe they hold it.
import crypto from "node:crypto";
import { prisma } from "./db.server";
import { Prisma } from "./generated/client";

/** This process's name in lease rows. */
export const PROCESS_HOLDER = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;

export async function holdLease(
  name: string,
  ttlMs: number,
  now = new Date(),
  holder = PROCESS_HOLDER,
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await prisma.jobLease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await prisma.jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

export async function releaseLease(name: string, holder = PROCESS_HOLDER): Promise<void> {
  await prisma.jobLease.deleteMany({ where: { name, holder } });
}
