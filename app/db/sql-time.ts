// Times as Prisma writes them to SQLite ("2026-12-02T03:28:57.123+00:00"), for code that reads or writes the
// same columns in SQL: comparisons, ORDER BY and Prisma's own reads then agree.

export function sqlTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** Also reads SQLite's CURRENT_TIMESTAMP form ("2026-12-02 03:28:57"), which is UTC without saying so. */
export function fromSqlTime(text: string | Date): Date {
  if (text instanceof Date) return text;
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text) ? `${text.replace(" ", "T")}Z` : text);
}
