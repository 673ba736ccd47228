// Issue 20's chart budget, "no chart adds more than 30 kB gzip to its route", measured on the production build.
// A chart route is one whose module imports the chart code (app/insight/charts.tsx), directly or through a UI
// component. What it adds is the gzip JavaScript of its route chain beyond what the root and the entry already
// load (so the figure is an upper bound: it counts the route's own code too, not only its charts), next to the
// chunks named after the chart module. Used by run.mjs (section 7); `node bench/chart-budget.mjs` prints it for
// the build in BUILD_DIR (default build/) without running the whole benchmark.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import zlib from "node:zlib";

const ROOT = path.resolve(import.meta.dirname, "..");
const CHART_MODULE = path.join(ROOT, "app", "insight", "charts.tsx");
export const CHART_BUDGET_KB = 30;

/**
 * The Remix manifest of a client build (the manifest script sets window.__remixManifest, untyped).
 * @param {string} buildDir
 * @returns {any}
 */
export function readManifest(buildDir) {
  const assets = path.join(buildDir, "client", "assets");
  const file = fs.readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
  /** @type {{ window: Record<string, any> }} */
  const sandbox = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(assets, /** @type {string} */ (file)), "utf8"), sandbox);
  return sandbox.window.__remixManifest;
}

/**
 * Whether a source file imports the chart module, following relative imports within app/.
 * @param {string} file
 * @param {Set<string>} seen
 * @returns {boolean}
 */
function importsCharts(file, seen = new Set()) {
  if (file === CHART_MODULE) return true;
  // Server modules never reach the browser: what they import costs the route no JavaScript.
  if (seen.has(file) || !fs.existsSync(file) || /\.server\.tsx?$/.test(file)) return false;
  seen.add(file);
  const source = fs.readFileSync(file, "utf8");
  for (const m of source.matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
    const base = path.resolve(path.dirname(file), /** @type {string} */ (m[1]));
    const found = [".tsx", ".ts", "/index.ts", ""]
      .map((ext) => base + ext)
      .find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
    if (found && importsCharts(found, seen)) return true;
  }
  return false;
}

/**
 * Per chart route: the gzip kB its chain adds over root and entry, and the part in chunks named after the chart
 * module. `gzipSize` maps an asset URL to its gzip bytes (run.mjs passes its cached one).
 * @param {any} manifest the Remix manifest (readManifest)
 * @param {(url: string) => number} gzipSize
 */
export function chartJavascript(manifest, gzipSize) {
  const base = new Set([manifest.entry.module, ...manifest.entry.imports]);
  const root = manifest.routes.root;
  base.add(root.module);
  for (const f of root.imports ?? []) base.add(f);
  const kb = (/** @type {number} */ bytes) => Math.round(bytes / 100) / 10;
  const rows = [];
  for (const [id, route] of Object.entries(manifest.routes)) {
    if (id === "root") continue;
    const source = ["tsx", "ts"].map((ext) => path.join(ROOT, "app", `${id}.${ext}`)).find((f) => fs.existsSync(f));
    if (!source || !importsCharts(source)) continue;
    const added = new Set();
    for (let r = route; r; r = r.parentId ? manifest.routes[r.parentId] : null)
      for (const f of [r.module, ...(r.imports ?? [])]) if (!base.has(f)) added.add(f);
    const chartChunks = [...added].filter((f) => /\/charts-[^/]+\.js$/.test(f));
    const addedBytes = [...added].reduce((a, f) => a + gzipSize(f), 0);
    rows.push({
      route: id.replace(/^routes\//, ""),
      addedOverRootKB: kb(addedBytes),
      chartChunkKB: kb(chartChunks.reduce((a, f) => a + gzipSize(f), 0)),
      files: added.size,
    });
  }
  rows.sort((a, b) => b.addedOverRootKB - a.addedOverRootKB);
  return { budgetKB: CHART_BUDGET_KB, routes: rows };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const buildDir = path.resolve(process.env.BUILD_DIR || "build");
  const gzipSize = (/** @type {string} */ url) =>
    zlib.gzipSync(fs.readFileSync(path.join(buildDir, "client", url))).length;
  console.log(JSON.stringify(chartJavascript(readManifest(buildDir), gzipSize), null, 2));
}
