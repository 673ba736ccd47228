// Where an image can go in a scenario draft's text: its participants (portraits) and nodes (illustrations). Read
// by the draft checker's worker (draft-check.server.ts), whose stored result the draft page and the upload use:
// the author's YAML is never parsed on the thread that answers requests.
import { isMap, isSeq, parseDocument, type Document } from "yaml";
import type { ImageShape } from "../media/image-rules";

/** Where an image can go in a draft: a participant's portrait or a node's illustration. */
export interface ImageTarget {
  value: string;
  label: string;
  shape: ImageShape;
  /** the image it has now, if any */
  current: string | null;
}

export function plainDocument(source: string): Document | null {
  const doc = parseDocument(source, { schema: "core", customTags: [], merge: false, uniqueKeys: false });
  return doc.errors.length || !isMap(doc.contents) ? null : doc;
}

/** The participants and nodes of a draft's text, as places an image can go (none while the YAML does not parse). */
export function imageTargets(source: string): ImageTarget[] {
  const doc = plainDocument(source);
  if (!doc) return [];
  const targets: ImageTarget[] = [];
  const participants = doc.get("participants");
  if (isSeq(participants))
    for (const item of participants.items) {
      if (!isMap(item) || typeof item.get("id") !== "string") continue;
      const id = item.get("id") as string;
      const name = typeof item.get("name") === "string" ? (item.get("name") as string) : id;
      const portrait = item.get("portrait");
      targets.push({
        value: `participant:${id}`,
        label: `Portrait of ${name}`,
        shape: "portrait",
        current: str(portrait),
      });
    }
  const nodes = doc.get("nodes");
  if (isMap(nodes))
    for (const pair of nodes.items) {
      const id = String((pair.key as { value?: unknown })?.value ?? pair.key);
      const image = isMap(pair.value) ? pair.value.get("image") : null;
      targets.push({
        value: `node:${id}`,
        label: `Illustration for node ${id}`,
        shape: "illustration",
        current: str(image),
      });
    }
  return targets;
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
