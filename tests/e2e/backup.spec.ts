// `npm run db:backup` while the server is writing; the backup restored into a fresh place serves the data.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { postForm, signInCookie, startServer, tempDir } from "../support/own-server";

test.describe.configure({ timeout: 180_000 });

test("a backup taken under load restores into a working, complete database", async () => {
  const dir = tempDir("backup");
  const live = path.join(dir, "live", "circlekeeper.db");
  fs.mkdirSync(path.dirname(live), { recursive: true });
  const server = await startServer(live);
  const tag = crypto.randomUUID().slice(0, 8);
  const officer = await signInCookie(server, "t.nguyen@example.org");
  const log = (outcome: string) =>
    postForm(
      server,
      "/certification",
      {
        date: "2026-05-04",
        kind: "pre-meeting",
        processType: "Victim-offender dialogue",
        role: "Co-facilitator",
        participantCount: "3",
        outcome,
        submissionKey: crypto.randomUUID(),
      },
      officer,
    );

  expect((await log(`Before the backup ${tag}`)).status).toBe(200);

  // Writers keep logging entries (four at a time) from before the backup starts until well after it ends.
  let writing = true;
  const acknowledged: string[] = [];
  const writer = async (n: number) => {
    for (let i = 0; writing; i++) {
      const outcome = `During the backup ${tag} ${n}-${i}`;
      if ((await log(outcome)).status === 200) acknowledged.push(outcome);
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 10));
  const ackedBeforeBackup = acknowledged.length;
  const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["scripts/db-backup.js", path.join(dir, "backups", "nightly.db")], {
      env: { ...process.env, DATABASE_URL: `file:${live}` },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
  const ackedWhenBackupEnded = acknowledged.length;
  const writtenWhileBackingUp = ackedWhenBackupEnded - ackedBeforeBackup;
  // the server goes on writing after the backup
  while (acknowledged.length < ackedWhenBackupEnded + 20) await new Promise((r) => setTimeout(r, 10));
  writing = false;
  await Promise.all(writers);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/Backed up .* integrity ok/);
  await server.stop();

  // A backup made by `npm run db:backup` without arguments lands in backups/ under the working directory.
  const defaultRun = spawnSync("npm", ["run", "--silent", "db:backup"], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: `file:${live}` },
    encoding: "utf8",
  });
  expect(defaultRun.status, defaultRun.stderr).toBe(0);
  const defaultFile = /to (\S+backups\/circlekeeper-[\dT-]+Z\.db)/.exec(defaultRun.stdout)![1]!;
  expect(fs.existsSync(defaultFile)).toBe(true);
  fs.rmSync(defaultFile);

  // Restore as the README says: into the database's place, with no -wal or -shm beside it, then start.
  const restored = path.join(dir, "restored", "circlekeeper.db");
  fs.mkdirSync(path.dirname(restored), { recursive: true });
  fs.copyFileSync(path.join(dir, "backups", "nightly.db"), restored);
  for (const suffix of ["-wal", "-shm"]) expect(fs.existsSync(restored + suffix)).toBe(false);
  const check = new Database(restored, { readonly: true });
  expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
  const outcomes = check
    .prepare("SELECT outcome FROM PracticumEntry WHERE outcome LIKE ?")
    .pluck()
    .all(`%${tag}%`) as string[];
  check.close();
  // Everything acknowledged before the backup started is in it; nothing acknowledged after it ended is.
  const during = outcomes.filter((o) => o.startsWith("During"));
  expect(outcomes).toContain(`Before the backup ${tag}`);
  for (const o of acknowledged.slice(0, ackedBeforeBackup)) expect(during).toContain(o);
  expect(during.length).toBeGreaterThanOrEqual(ackedBeforeBackup);
  expect(during.length).toBeLessThanOrEqual(ackedWhenBackupEnded + writers.length); // (+ those in flight as it ended)

  const again = await startServer(restored, { SEED_DEMO: "false" });
  try {
    const cookie = await signInCookie(again, "t.nguyen@example.org");
    const page = await (await fetch(`${again.url}/certification`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain(`Before the backup ${tag}`);
    const supervisor = await signInCookie(again, "supervisor@example.org");
    expect((await fetch(`${again.url}/supervisor`, { headers: { Cookie: supervisor } })).status).toBe(200);
    console.log(
      `backup test: ${ackedBeforeBackup} entries acknowledged before the backup began, ${writtenWhileBackingUp} more while it ran, ` +
        `${acknowledged.length} in all; the restored copy holds ${during.length} of them and serves them after a restart. ${result.stdout.trim()}`,
    );
  } finally {
    await again.stop();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
