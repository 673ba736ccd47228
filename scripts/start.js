// `npm start`: build once if there is no production build, then start the server
// (which applies migrations and seeds the demo agency on an empty database).
import { spawnSync } from "node:child_process";
import fs from "node:fs";

process.env.NODE_ENV ??= "production";
if (!fs.existsSync(`${process.env.BUILD_DIR || "build"}/server/index.js`)) {
  console.log("No production build yet: building (this happens once)...");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import("../server.js");
