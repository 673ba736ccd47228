// `npm run content:export [dir]`: writes the published module library (the latest version of each module) back
// to files, content/modules by default, so agencies can review the library in git.
import { exportModuleLibrary } from "../app/modules/library.server";

const written = await exportModuleLibrary(process.argv[2]);
for (const name of written) console.log(`wrote ${name}`);
console.log(
  written.length ? `${written.length} module file(s) written` : "every module file already holds its latest version",
);
process.exit(0);
