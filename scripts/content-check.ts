// `npm run content:check [files...]`: validates modules, scenarios and programs; exits 1 on any error.
import { checkContent } from "../app/content-pipeline/check.server";

const files = process.argv.slice(2);
const started = performance.now();
const report = await checkContent(files.length ? files : undefined);
for (const line of report.lines) console.log(line);
const errors = report.issues.filter((i) => i.severity === "error").length;
const warnings = report.issues.length - errors;
console.log(
  `\n${report.fileCount} files checked in ${Math.round(performance.now() - started)} ms: ${errors} errors, ${warnings} warnings`,
);
process.exit(errors ? 1 : 0);
