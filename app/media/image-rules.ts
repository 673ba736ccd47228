// What an image in a scenario is: a reference by the SHA-256 of its stored bytes, one of two fixed shapes, and the
// address it is served from. Shared by the parser, the studio and the player (no server code here).

/** How a scenario names an image: `sha256-` and the hex SHA-256 of the stored (re-encoded) bytes. */
export const IMAGE_REF = /^sha256-[0-9a-f]{64}$/;

export const IMAGE_REF_MESSAGE =
  "an image is named `sha256-` and 64 hex digits: upload it in the studio and use the name it gives";

/**
 * Every stored image has one of two shapes, so pages set width and height without asking the database and nothing
 * moves when the picture arrives (docs/decisions/0360-images-fixed-shapes.md).
 */
export const IMAGE_SHAPES = {
  portrait: { width: 256, height: 256 },
  illustration: { width: 1200, height: 675 },
} as const;

export type ImageShape = keyof typeof IMAGE_SHAPES;

export function isImageShape(value: unknown): value is ImageShape {
  return value === "portrait" || value === "illustration";
}

/** Limits on what an upload may be, checked before and while decoding. */
export const IMAGE_LIMITS = {
  /** bytes of the uploaded file */
  bytes: 5 * 1024 * 1024,
  /** width × height of the decoded image: a small file can decode to a huge one */
  pixels: 25_000_000,
  /** the shorter side, so a portrait is not blown up from a thumbnail */
  minSide: 64,
  /** seconds sharp may spend on one image */
  seconds: 10,
} as const;

/** The image's address: same origin (the CSP's `img-src 'self'`), named by content, so it never changes. */
export function imageUrl(ref: string): string {
  return `/media/images/${ref.replace(/^sha256-/, "")}.webp`;
}
