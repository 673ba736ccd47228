// `npx tsx scripts/strategy-report.ts <file.yaml>...`: the cue and strategy report of each scenario file and
// its verdict against every threshold (content/README.md). Files may be anywhere (absolute paths work).
// Exit code: 0 when every file meets every threshold, 1 when a threshold is missed, 2 when a file is invalid.
import fs from "node:fs";
import path from "node:path";
import { formatIssue } from "../app/content/issues";
import { describeStrategyReport } from "../app/scenarios/strategy";
import { validateScenario } from "../app/scenarios/validate";

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: tsx scripts/strategy-report.ts <scenario.yaml>...");
  process.exit(2);
}
let exitCode = 0;
for (const file of files) {
  const shown = path.isAbsolute(file) ? file : path.relative(process.cwd(), path.resolve(file));
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    console.log(`${shown}: cannot read this file`);
    exitCode = 2;
    continue;
  }
  const { strategy, issues } = validateScenario(shown, text);
  const errors = issues.filter((i) => i.severity === "error");
  if (!strategy) {
    console.log(`${shown}: no strategy report (the scenario does not validate)`);
    for (const issue of errors) console.log(`  ${formatIssue(issue)}`);
    exitCode = 2;
    continue;
  }
  const checks = strategy.checks;
  const missed = checks.filter((c) => !c.ok).length;
  console.log(`${shown}: ${missed ? `${missed} of ${checks.length} thresholds missed` : "every threshold met"}`);
  for (const line of describeStrategyReport(strategy.report)) console.log(`  ${line}`);
  for (const c of checks)
    console.log(`  ${c.ok ? "ok  " : `MISS line ${c.line}:`} ${c.label}: ${c.measured} (${c.limit})`);
  for (const issue of errors) console.log(`  ${formatIssue(issue)}`);
  if (missed && exitCode === 0) exitCode = 1;
  if (errors.length) exitCode = 2;
}
process.exit(exitCode);
