// Where PostgreSQL's server binaries are (PG_BIN, or Debian's newest), or null when none is installed. Plain JS
// so that scripts/test-engines.js can ask before vitest starts.
import fs from "node:fs";
import path from "node:path";

/** @returns {string | null} */
export function postgresBinaries() {
  if (process.env.PG_BIN) return fs.existsSync(path.join(process.env.PG_BIN, "initdb")) ? process.env.PG_BIN : null;
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((version) => fs.existsSync(path.join(base, version, "bin/initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], "bin") : null;
}
