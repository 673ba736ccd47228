import { databaseAnswers } from "../db/health.server";

export async function loader() {
  if (await databaseAnswers()) return new Response("OK", { headers: { "Cache-Control": "no-store" } });
  return new Response("The database does not answer.", { status: 503 });
}
