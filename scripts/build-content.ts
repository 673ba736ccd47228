// Part of `npm run build`: checks all content, refusing to build on any error. Checking compiles every
// module and scenario into the content cache, so the server never compiles on a request.
import { formatIssue } from "../app/content/issues";
import { checkContent } from "../app/content-pipeline/check.server";

const started = performance.now();
const report = await checkContent();
const errors = report.issues.filter((i) => i.severity === "error");
if (errors.length) {
  console.error(`Content has ${errors.length} error(s); fix them before building:`);
  for (const issue of errors) console.error(`  ${formatIssue(issue)}`);
  process.exit(1);
}
console.log(`Content checked and compiled: ${report.fileCount} files in ${Math.round(performance.now() - started)} ms`);
