// Without CK_SECRETS_KEY a production server keeps its key in a file of its own beside the database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { keyFromFile, openSecret, sealSecret } from "../../app/secrets/secret-box.server";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ck-key-"));

afterEach(() => vi.unstubAllEnvs());

describe("the secrets key file", () => {
  it("is made once with 32 random bytes, readable by its owner only, and read back the same", () => {
    const file = path.join(folder, "a", "secrets.key");
    const key = keyFromFile(file);
    expect(key).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64").equals(key)).toBe(true);
    expect(keyFromFile(file).equals(key)).toBe(true);
  });

  it("refuses a file that does not hold a 32-byte key", () => {
    const file = path.join(folder, "short.key");
    fs.writeFileSync(file, Buffer.alloc(16).toString("base64"));
    expect(() => keyFromFile(file)).toThrow(/32 bytes/);
  });

  it("lets a production server without CK_SECRETS_KEY seal and open secrets", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CK_SECRETS_KEY", "");
    vi.stubEnv("DATABASE_URL", `file:${path.join(folder, "prod", "circlekeeper.db")}`);
    expect(openSecret(sealSecret("smtp password"))).toBe("smtp password");
    expect(fs.existsSync(path.join(folder, "prod", "secrets.key"))).toBe(true);
  });
});
