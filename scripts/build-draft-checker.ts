// Part of `npm run build`: bundles the draft checker's worker thread next to the server build
// (<BUILD_DIR>/server/draft-checker.mjs), where the server looks for it first.
import fs from "node:fs";
import path from "node:path";
import { bundleDraftChecker, WORKER_BUNDLE_NAME } from "../app/studio/draft-checker.server";

const started = performance.now();
const out = path.resolve(process.env.BUILD_DIR || "build", "server", WORKER_BUNDLE_NAME);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, await bundleDraftChecker(process.cwd()));
console.log(`Draft checker bundled into ${path.relative(process.cwd(), out)} in ${Math.round(performance.now() - started)} ms`);
