// Whether the database answers, for /healthcheck.
import { prisma } from "./db.server";

export async function databaseAnswers(): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    console.error("healthcheck failed", error);
    return false;
  }
}
