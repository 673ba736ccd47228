// The analysis of every scenario in content/scenarios and tests/fixtures/scenarios, as plain JSON, keyed by file.
// Run directly (`npx tsx tests/support/analysis-corpus.ts`) it prints that JSON, which is how
// tests/fixtures/analysis-golden.json was made.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeScenario } from "../../app/scenarios/analyze";
import { parseScenario } from "../../app/scenarios/parse";

const folders = ["content/scenarios", "tests/fixtures/scenarios"];

export function analysisOfEveryScenario(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const folder of folders) {
    for (const name of readdirSync(folder)
      .filter((f) => f.endsWith(".yaml"))
      .sort()) {
      const file = join(folder, name);
      const { scenario } = parseScenario(file, readFileSync(file, "utf8"));
      out[file] = scenario ? JSON.parse(JSON.stringify(analyzeScenario(scenario))) : null;
    }
  }
  return out;
}

if (process.argv[1]?.endsWith("analysis-corpus.ts")) {
  process.stdout.write(JSON.stringify(analysisOfEveryScenario(), null, 1) + "\n");
}
