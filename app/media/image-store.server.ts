// Images uploaded in the studio: checked by their content (never their name), decoded and re-encoded by sharp so
// that nothing of the upload survives but its pixels (no EXIF, GPS, ICC comments or appended bytes), cropped to
// one of the fixed shapes, and stored in the data folder (outside the web root) under the SHA-256 of the stored
// bytes. Decoding is bounded: bytes, pixels, a time limit, and at most a few images at once.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { databasePath } from "../db/database-url.js";
import { DomainError } from "../errors";
import { IMAGE_LIMITS, IMAGE_SHAPES, type ImageShape } from "./image-rules";

export type UploadedType = "png" | "jpeg" | "webp";

/** The folder images are kept in: CK_IMAGES_DIR, or `images` beside the database file (the data folder). */
export function imagesDir(): string {
  if (process.env.CK_IMAGES_DIR) return path.resolve(process.env.CK_IMAGES_DIR);
  const db = databasePath();
  return db === ":memory:" || !process.env.DATABASE_URL?.startsWith("file:")
    ? path.resolve("data/images")
    : path.join(path.dirname(db), "images");
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

/** The image type the bytes themselves say, or null: the file name and the browser's stated type are ignored. */
export function detectImageType(bytes: Uint8Array): UploadedType | null {
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, JPEG)) return "jpeg";
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return "webp";
  return null;
}

const NOT_AN_IMAGE =
  "This file is not a PNG, JPEG or WebP image (judged by its content, whatever its name). SVG, GIF and other files are not accepted.";

function refuse(message: string): never {
  throw new DomainError("invalid", message, { field: "image" });
}

// sharp decodes on libuv's thread pool, off the request thread; this bounds how many decode at once.
const MAX_AT_ONCE = 2;
let running = 0;

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_AT_ONCE)
    throw new DomainError("busy", "Other images are being processed. Try again in a few seconds.", { field: "image" });
  running++;
  try {
    return await work();
  } finally {
    running--;
  }
}

/** The upload decoded and re-encoded as WebP in the shape asked for; refused with a message when it is not fit. */
export async function reencodeImage(bytes: Uint8Array, shape: ImageShape): Promise<Buffer> {
  if (bytes.byteLength === 0) refuse("Choose an image file to upload.");
  if (bytes.byteLength > IMAGE_LIMITS.bytes)
    refuse(`This image is ${mb(bytes.byteLength)}; an image may be at most ${mb(IMAGE_LIMITS.bytes)}.`);
  const type = detectImageType(bytes);
  if (!type) refuse(NOT_AN_IMAGE);
  return bounded(async () => {
    const options = { limitInputPixels: IMAGE_LIMITS.pixels, failOn: "error", animated: false } as const;
    // The header alone, without the pixel limit, so an oversized image is refused with its size in the message.
    const meta = await sharp(bytes, { ...options, limitInputPixels: false })
      .metadata()
      .catch(() => refuse(`This file starts like a ${type.toUpperCase()} image but cannot be read as one.`));
    if (meta.format !== type) refuse(NOT_AN_IMAGE);
    const { width = 0, height = 0 } = meta;
    if (width * height > IMAGE_LIMITS.pixels)
      refuse(
        `This image is ${width} × ${height} pixels; at most ${IMAGE_LIMITS.pixels / 1_000_000} million pixels are accepted. Make it smaller first.`,
      );
    if (Math.min(width, height) < IMAGE_LIMITS.minSide)
      refuse(`This image is ${width} × ${height} pixels; each side needs at least ${IMAGE_LIMITS.minSide}.`);
    const { width: w, height: h } = IMAGE_SHAPES[shape];
    // No withMetadata(): sharp writes none of the input's metadata. rotate() applies the EXIF orientation first.
    return sharp(bytes, options)
      .rotate()
      .resize(w, h, { fit: "cover", position: sharp.strategy.attention })
      .webp({ quality: 82 })
      .timeout({ seconds: IMAGE_LIMITS.seconds })
      .toBuffer()
      .catch(() => refuse("This image could not be processed. Try saving it again as PNG or JPEG."));
  });
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/** Writes the stored bytes under their hash (once: the same bytes are the same file) and returns the hash. */
export async function writeImage(stored: Buffer): Promise<string> {
  const hash = sha256Hex(stored);
  const dir = imagesDir();
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${hash}.webp`);
  const temporary = `${file}.${crypto.randomBytes(6).toString("hex")}.tmp`;
  await fs.writeFile(temporary, stored, { mode: 0o640 });
  await fs.rename(temporary, file);
  return hash;
}

/** The stored bytes of an image by its hex hash, or null: the name is checked before it reaches the file system. */
export async function readImage(hash: string): Promise<Buffer | null> {
  if (!/^[0-9a-f]{64}$/.test(hash)) return null;
  return fs.readFile(path.join(imagesDir(), `${hash}.webp`)).catch(() => null);
}
