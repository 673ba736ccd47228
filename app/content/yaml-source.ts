// Parses YAML while keeping positions, so every problem can name the line it is on. Content is plain data:
// explicit tags (`!!js/function`, `!custom`) are refused rather than left unresolved, and aliases are counted,
// so neither a tag nor an alias bomb can make the parser do more than read text. Duplicate keys are found here
// in one pass: the parser's own `uniqueKeys` compares each key with every earlier one (20,000 keys: 20 s).
import { isCollection, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
import type { ZodIssue } from "zod";
import type { ContentIssue, Severity } from "./issues";
import { LIMITS } from "./limits";

export type PathPart = string | number;

export class YamlSource {
  readonly issues: ContentIssue[] = [];
  private readonly lineCounter = new LineCounter();
  private readonly doc: Document;

  /** @param lineOffset lines before the YAML text in its file (e.g. the `---` of frontmatter) */
  constructor(
    readonly file: string,
    text: string,
    private readonly lineOffset = 0,
  ) {
    // The core schema (YAML 1.2) knows no types beyond strings, numbers, booleans and null; no custom tags.
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, uniqueKeys: false, schema: "core", customTags: [], merge: false });
    for (const error of this.doc.errors) {
      const line = (error.linePos?.[0]?.line ?? 1) + lineOffset;
      this.issues.push({ severity: "error", file, line, message: firstLine(error.message) });
    }
    if (!this.doc.errors.length) this.checkPlainData();
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  /** The data; call only when `ok`. Aliases were counted already, and the parser's own limit stays as a backstop. */
  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  }

  /** Tags, duplicate or complex keys, and aliases: all in one walk over the document. */
  private checkPlainData(): void {
    const aliases: number[] = [];
    const refuse = (offset: number, message: string) => this.issues.push({ severity: "error", file: this.file, line: this.lineAt(offset), message });
    visit(this.doc, {
      Node: (_key, node) => {
        if ("tag" in node && typeof node.tag === "string" && node.range) {
          refuse(node.range[0], `YAML tags such as "${node.tag.replace(/^tag:yaml\.org,2002:/, "!!")}" are not allowed: write plain values`);
        }
      },
      Map: (_key, map) => {
        const seen = new Set<string>();
        for (const pair of map.items) {
          const key = pair.key;
          if (!isScalar(key)) {
            if (isNode(key) && key.range) refuse(key.range[0], "keys must be plain words, not lists, maps or aliases");
            continue;
          }
          const name = String(key.value);
          if (seen.has(name) && key.range) refuse(key.range[0], `Map keys must be unique: "${name.slice(0, 40)}" appears twice`);
          seen.add(name);
        }
      },
      Alias: (_key, node) => {
        if (node.range) aliases.push(node.range[0]);
      },
    });
    if (aliases.length > LIMITS.yamlAliases) {
      this.issues.push({ severity: "error", file: this.file, line: this.lineAt(aliases[LIMITS.yamlAliases]!), message: `too many YAML aliases (${aliases.length}; at most ${LIMITS.yamlAliases} per file): write the values out` });
      return;
    }
    try {
      this.doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
    } catch {
      // Few aliases that still expand to a huge document (aliases of aliases): the parser's own count refused it.
      this.issues.push({ severity: "error", file: this.file, line: this.lineAt(aliases[0] ?? 0), message: `too many YAML aliases: they expand to more than ${LIMITS.yamlAliases} copies; write the values out` });
    }
  }

  private lineAt(offset: number): number {
    return this.lineCounter.linePos(offset).line + this.lineOffset;
  }

  /** The line of the deepest node that exists along the path. */
  lineOf(path: readonly PathPart[]): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node && node.range) {
        // For a collection, a key's line is better than its value's: look up the pair's key.
        return this.lineCounter.linePos(this.keyOffset(path.slice(0, depth)) ?? node.range[0]).line + this.lineOffset;
      }
    }
    return 1 + this.lineOffset;
  }

  private keyOffset(path: readonly PathPart[]): number | undefined {
    if (path.length === 0) return undefined;
    const parent = this.doc.getIn(path.slice(0, -1), true);
    if (!isCollection(parent)) return undefined;
    for (const item of parent.items as unknown[]) {
      const pair = item as { key?: { value?: unknown; range?: [number, number, number] } };
      if (pair && pair.key && pair.key.value === path[path.length - 1] && pair.key.range) return pair.key.range[0];
    }
    return undefined;
  }

  report(severity: Severity, path: readonly PathPart[], message: string): void {
    this.issues.push({ severity, file: this.file, line: this.lineOf(path), message });
  }

  reportZod(zodIssues: readonly ZodIssue[]): void {
    for (const issue of zodIssues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) this.report("error", [...issue.path, key], `${[...issue.path, key].join(".")}: unknown field "${key}"`);
        continue;
      }
      const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
      const missing = issue.code === "invalid_type" && issue.received === "undefined";
      this.report("error", issue.path, `${where}${missing ? "is required but missing" : issue.message}`);
    }
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
