// Images in scenario drafts: uploads go through the draft page's action as real multipart requests with real
// files made here, are checked by content, re-encoded (nothing of the upload but its pixels survives), stored by
// hash, written into the draft's YAML, audited, and served with nosniff and long caching.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "../../app/db/db.server";
import { IMAGE_LIMITS } from "../../app/media/image-rules";
import { imagesDir } from "../../app/media/image-store.server";
import * as mediaImage from "../../app/routes/media.images.$file";
import * as draftRoute from "../../app/routes/studio.drafts.$draftId";
import { parseScenario } from "../../app/scenarios/parse";
import { createDraft } from "../../app/studio/drafts.server";
import { addParticipant } from "../../app/studio/scenario-edits";
import { cookieFor, get, ORIGIN, runTyped, seedOnce } from "../support/app";
import { sessionUserOf } from "../support/security";

// Each upload saves the draft, which checks the whole scenario in the checker's worker: slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

let trainerCookie: string;
let draftId: string;

beforeAll(async () => {
  await seedOnce();
  trainerCookie = await cookieFor("trainer@example.org");
  const trainer = await sessionUserOf("trainer@example.org");
  const latest = await prisma.scenarioVersion.findFirstOrThrow({
    where: { scenarioSlug: "burglary-dialogue" },
    orderBy: { number: "desc" },
  });
  draftId = (await createDraft(trainer, "scenario", { versionId: latest.id })).id;
});

async function participantTarget(): Promise<string> {
  const draft = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
  const id = /participants:\s*\n\s*- id: ([a-z0-9-]+)/.exec(draft.source)?.[1];
  return `participant:${id}`;
}

function upload(file: { bytes: Uint8Array; name: string; type: string }, fields: Record<string, string>): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("image", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return new Request(`${ORIGIN}/studio/drafts/${draftId}`, {
    method: "POST",
    body: form,
    headers: { Origin: ORIGIN, Cookie: trainerCookie },
  });
}

async function send(file: { bytes: Uint8Array; name: string; type: string }, alt = "A woman in her sixties, seated") {
  const target = await participantTarget();
  return runTyped(draftRoute.action, upload(file, { target, alt }), { draftId });
}

function errorsOf(data: unknown): string {
  return Object.values((data as { errors: Record<string, string> }).errors).join(" ");
}

function storedFiles(): string[] {
  const dir = imagesDir();
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".webp")) : [];
}

/** The image the draft's text now names for the first participant, read back from the store. */
async function storedPortrait(): Promise<Buffer> {
  const draft = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
  const hash = /portrait: sha256-([0-9a-f]{64})/.exec(draft.source)?.[1];
  expect(hash).toBeTruthy();
  return fs.readFileSync(path.join(imagesDir(), `${hash}.webp`));
}

async function png(width = 200, height = 160): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#7a5" } })
    .png()
    .toBuffer();
}

/** A PNG whose header claims other dimensions (the CRC recomputed, so decoders read the header as valid). */
function withClaimedSize(image: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(image);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(zlib.crc32(out.subarray(12, 29)) >>> 0, 29);
  return out;
}

describe("uploading an image to a scenario draft", () => {
  it("re-encodes it, stores it by hash, writes it into the YAML with its alt text, and audits it", async () => {
    const answer = await send({ bytes: await png(), name: "maria.png", type: "image/png" });
    expect(answer.status).toBe(200);
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    expect(draft.source).toMatch(/portrait: sha256-[0-9a-f]{64}\n\s+portraitAlt: A woman in her sixties, seated/);
    expect(parseScenario("<draft>", draft.source).scenario?.participants[0]?.portrait).toMatch(/^sha256-/);
    const stored = await storedPortrait();
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 256, 256]);
    const audit = await prisma.auditEntry.findFirst({ where: { action: "studio.image_uploaded", subjectId: draftId } });
    expect(audit?.after).toContain("sha256-");
  });

  it("serves it with its type, nosniff and a year of immutable caching, to signed-in people only", async () => {
    const hash = (await import("node:crypto"))
      .createHash("sha256")
      .update(await storedPortrait())
      .digest("hex");
    const officer = await cookieFor("officer@example.org");
    const answer = (await mediaImage.loader({
      request: get(`/media/images/${hash}.webp`, officer),
      params: { file: `${hash}.webp` },
      context: {},
    })) as Response;
    expect(answer.headers.get("Content-Type")).toBe("image/webp");
    expect(answer.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(answer.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const anonymous = await runTyped(mediaImage.loader, get(`/media/images/${hash}.webp`), { file: `${hash}.webp` });
    expect(anonymous.status).toBe(302);
    const missing = await runTyped(mediaImage.loader, get(`/media/images/../x.webp`, officer), { file: "../x.webp" });
    expect(missing.status).toBe(404);
  });

  it("from the visual editor: the editor's unsaved text comes along, so a participant added there gets the portrait", async () => {
    const saved = (await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).source;
    const edited = addParticipant(saved, { id: "ada-two", name: "Ada Two", role: "supporter" });
    const answer = await runTyped(
      draftRoute.action,
      upload(
        { bytes: await png(), name: "ada.png", type: "image/png" },
        { target: "participant:ada-two", alt: "A young woman smiling", source: edited },
      ),
      { draftId },
    );
    expect(answer.status).toBe(200);
    const after = (await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).source;
    // Only the new participant's lines changed from the editor's text: the rest keeps its folds and comments.
    const [, portrait] =
      /- id: ada-two[^]*?portrait: (sha256-[0-9a-f]{64})\n\s+portraitAlt: A young woman smiling\n/.exec(after)!;
    expect(portrait).toBeTruthy();
    const head = edited.slice(0, edited.indexOf("  - id: ada-two"));
    expect(after.startsWith(head)).toBe(true);
    expect(after.slice(after.indexOf("\nstart:"))).toBe(edited.slice(edited.indexOf("\nstart:")));
    // A participant in neither the saved text nor the editor's is refused, and nothing changes.
    const refused = await runTyped(
      draftRoute.action,
      upload(
        { bytes: await png(), name: "x.png", type: "image/png" },
        { target: "participant:nobody", alt: "x", source: edited },
      ),
      { draftId },
    );
    expect(refused.status).toBe(400);
    expect((await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).source).toBe(after);
  });

  it("keeps none of a polyglot's appended bytes (a script and a zip after a valid PNG)", async () => {
    const appended = Buffer.concat([
      Buffer.from("<script>alert('polyglot')</script>"),
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from("PAYLOAD-IN-THE-ZIP"),
    ]);
    const answer = await send({
      bytes: Buffer.concat([await png(210, 170), appended]),
      name: "a.png",
      type: "image/png",
    });
    expect(answer.status).toBe(200);
    const stored = await storedPortrait();
    expect(stored.includes("polyglot")).toBe(false);
    expect(stored.includes("PAYLOAD-IN-THE-ZIP")).toBe(false);
    expect(stored.includes(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(false);
  });

  it("strips EXIF, GPS location included, from a JPEG", async () => {
    const jpeg = await sharp({ create: { width: 300, height: 300, channels: 3, background: "#a57" } })
      .withExif({
        IFD0: { Make: "TestCam", Artist: "Someone" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "40/1 44/1 0/1",
          GPSLongitudeRef: "W",
          GPSLongitude: "73/1 59/1 0/1",
        },
      })
      .jpeg()
      .toBuffer();
    // The upload really carries a location: its EXIF has the GPS directory's pointer (tag 0x8825, either byte order).
    const exif = (await sharp(jpeg).metadata()).exif;
    expect(exif?.includes(Buffer.from([0x88, 0x25])) || exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    const answer = await send({ bytes: jpeg, name: "photo.jpg", type: "image/jpeg" });
    expect(answer.status).toBe(200);
    const stored = await storedPortrait();
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(stored.includes("TestCam")).toBe(false);
  });

  describe("refuses with a clear 400 and changes nothing", () => {
    async function refused(file: { bytes: Uint8Array; name: string; type: string }, message: RegExp, alt?: string) {
      const before = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
      const files = storedFiles().length;
      const answer = await send(file, alt);
      expect(answer.status).toBe(400);
      expect(errorsOf(answer.data)).toMatch(message);
      expect((await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).source).toBe(before.source);
      expect(storedFiles().length).toBe(files);
    }

    it("an SVG, even one named .png", async () => {
      const svg = Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>',
      );
      await refused({ bytes: svg, name: "face.svg", type: "image/svg+xml" }, /not a PNG, JPEG or WebP image/);
      await refused({ bytes: svg, name: "face.png", type: "image/png" }, /not a PNG, JPEG or WebP image/);
    });

    it("a renamed executable", async () => {
      const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), Buffer.alloc(400, 0x90)]);
      await refused({ bytes: exe, name: "portrait.jpg", type: "image/jpeg" }, /not a PNG, JPEG or WebP image/);
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(400)]);
      await refused({ bytes: elf, name: "portrait.png", type: "image/png" }, /not a PNG, JPEG or WebP image/);
    });

    it("an image over the byte limit", async () => {
      const big = Buffer.concat([await png(), Buffer.alloc(IMAGE_LIMITS.bytes + 1024, 1)]);
      await refused({ bytes: big, name: "big.png", type: "image/png" }, /larger than 5 MB/);
    });

    it("an image over the pixel limit (a small file that decodes to a huge one)", async () => {
      const bomb = withClaimedSize(await png(), 20_000, 20_000);
      expect(bomb.byteLength).toBeLessThan(10_000);
      await refused({ bytes: bomb, name: "bomb.png", type: "image/png" }, /20000 × 20000 pixels; at most 25 million/);
    });

    it("a file that starts like a PNG but is not one", async () => {
      const broken = Buffer.concat([(await png()).subarray(0, 8), Buffer.from("not really an image at all")]);
      await refused({ bytes: broken, name: "x.png", type: "image/png" }, /cannot be read as one|not a PNG/);
    });

    it("an image without alt text", async () => {
      await refused({ bytes: await png(), name: "a.png", type: "image/png" }, /Describe the image/, "   ");
    });
  });
});

describe("images in the scenario format", () => {
  it("needs alt text beside an image, and a sha256 name, reported on their lines", async () => {
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    const withoutAlt = draft.source.replace(/\n\s+portraitAlt: .*/, "");
    const issues = parseScenario("<draft>", withoutAlt).issues.map((i) => `${i.line}: ${i.message}`);
    expect(issues.join("\n")).toMatch(/\d+: .*add `portraitAlt`/);
    const badName = draft.source.replace(/portrait: sha256-[0-9a-f]{64}/, "portrait: face.png");
    expect(
      parseScenario("<draft>", badName)
        .issues.map((i) => i.message)
        .join("\n"),
    ).toMatch(/sha256-/);
  });
});
