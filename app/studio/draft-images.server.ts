// Images in a scenario draft: the author uploads a portrait for a participant or an illustration for a node, with
// its alt text; the image is re-encoded and stored (app/media/image-store.server.ts), and its name and alt text are
// written into the draft's YAML (comments and order kept) as the draft's next revision. Audited. From the visual
// editor the upload carries the editor's text, so a participant added there (not yet saved) can have a portrait.
import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { z } from "zod";
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { DomainError, isDomainError } from "../errors";
import { IMAGE_LIMITS, IMAGE_SHAPES } from "../media/image-rules";
import { reencodeImage, writeImage } from "../media/image-store.server";
import { checkFor } from "./draft-checks.server";
import { findDraft, requireEditor, saveDraft } from "./drafts.server";
import { plainDocument, type ImageTarget } from "./image-targets";
import { setNodeImage, setPortrait } from "./scenario-edits";

export type { ImageTarget };

/**
 * The places an image can go in this draft's text, from its check (computed in the draft checker's worker, never
 * on this thread: the text is the author's). A stored check of this very text is read; otherwise the worker checks.
 */
export async function draftTargets(draft: {
  kind: string;
  source: string;
  checkHash: string | null;
  checkResult: string | null;
}): Promise<ImageTarget[]> {
  if (draft.kind !== "scenario") return [];
  try {
    const { result } = await checkFor("scenario", draft.source, draft, { retryGaveUp: false });
    return result.targets ?? [];
  } catch (error) {
    if (isDomainError(error, "busy")) return [];
    throw error;
  }
}

const UploadFields = z.object({
  target: z
    .string({ required_error: "Choose where the image goes." })
    .regex(/^(participant|node):[a-z][a-z0-9-]*$/, "Choose where the image goes."),
  alt: z
    .string({ required_error: "Describe the image for officers who cannot see it." })
    .trim()
    .min(1, "Describe the image for officers who cannot see it.")
    .max(300, "Alt text has at most 300 characters."),
  // The visual editor's text, saved with the image (the same limit as saving it). A multipart form sends a text
  // field's line breaks as CRLF: back to the editor's LF, so only the image's lines differ from what it showed.
  source: z
    .string()
    .max(400_000, "The draft is too large.")
    .transform((text) => text.replace(/\r\n?/g, "\n"))
    .optional(),
});

/** The upload form: its fields and the file's bytes; a file over the byte limit is refused before it is all read. */
export interface ImageUpload {
  target: string;
  alt: string;
  bytes: Uint8Array;
  /** the editor's text, when the upload comes from the visual editor; otherwise the draft's saved text is used */
  source?: string;
}

export async function readImageUpload(request: Request): Promise<ImageUpload> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data"))
    throw new DomainError("invalid", "Send the image as a file upload.", { field: "image" });
  const handler = unstable_createMemoryUploadHandler({ maxPartSize: IMAGE_LIMITS.bytes });
  const form = await unstable_parseMultipartFormData(request, handler).catch((error: unknown) => {
    if (error instanceof MaxPartSizeExceededError)
      throw new DomainError(
        "invalid",
        `This image is larger than ${IMAGE_LIMITS.bytes / 1024 / 1024} MB, the most accepted.`,
        {
          field: "image",
        },
      );
    throw new DomainError("invalid", "The upload could not be read. Try again.", { field: "image" });
  });
  const fields = UploadFields.safeParse({
    target: form.get("target") ?? undefined,
    alt: form.get("alt") ?? undefined,
    source: form.get("source") ?? undefined,
  });
  if (!fields.success) {
    const issue = fields.error.issues[0]!;
    throw new DomainError("invalid", issue.message, { field: String(issue.path[0]) });
  }
  const file = form.get("image");
  if (!file || typeof file === "string")
    throw new DomainError("invalid", "Choose an image file to upload.", { field: "image" });
  return { ...fields.data, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Stores the image and writes it into the draft for `target`; returns the image's name and the save's check. */
export async function addDraftImage(user: SessionUser, draftId: string, upload: ImageUpload) {
  const draft = await findDraft(user, draftId);
  if (!draft) return null;
  requireEditor(draft, user);
  if (draft.kind !== "scenario") throw new DomainError("conflict", "Images go in scenario drafts.");
  // The editor may send its newer text (a participant added moments ago): its places come from a check of that text.
  const base = upload.source ?? draft.source;
  const target = (await draftTargets({ ...draft, source: base })).find((t) => t.value === upload.target);
  if (!target)
    throw new DomainError(
      "invalid",
      upload.source === undefined
        ? "That participant or node is not in the draft's saved text. Save the draft first."
        : "That participant or node is not in the draft's text.",
      { field: "target" },
    );
  const stored = await reencodeImage(upload.bytes, target.shape);
  const hash = await writeImage(stored);
  const ref = `sha256-${hash}`;
  const source = withImage(base, upload.target, ref, upload.alt);
  await prisma.$transaction(async (tx) => {
    const { width, height } = IMAGE_SHAPES[target.shape];
    await tx.mediaImage.upsert({
      where: { hash },
      create: {
        hash,
        shape: target.shape,
        width,
        height,
        bytes: stored.byteLength,
        agencyId: user.agencyId,
        uploadedById: user.id,
      },
      update: {},
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "studio.image_uploaded",
      subjectId: draft.id,
      after: { draft: draft.title, target: target.label, image: ref, bytes: stored.byteLength },
    });
  });
  const saved = await saveDraft(user, draftId, source);
  return { ref, label: target.label, check: saved?.check ?? null };
}

/**
 * The draft's text with the image and its alt text set on the target: only that participant or node is written
 * again, the rest of the text stays byte for byte (the visual editor's edits, scenario-edits.ts).
 */
export function withImage(source: string, target: string, ref: string, alt: string): string {
  if (!plainDocument(source)) throw new DomainError("conflict", "Fix the draft's YAML before adding images.");
  const [kind, id] = target.split(":") as [string, string];
  return kind === "participant" ? setPortrait(source, id, ref, alt) : setNodeImage(source, id, ref, alt);
}
