/** Prisma writes DateTime to SQLite as this text form; comparisons in SQL must use the same form. */
export function sqlTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
