// Checks a module body before any compiler sees it: first a linear scan of the text for the shapes that make
// Markdown parsers slow (deep nesting, a pile of emphasis or brackets in one paragraph, thousands of headings),
// then a parse by @mdx-js/mdx's parser alone (it builds a syntax tree and evaluates nothing), then the tree
// against the module rules (restrict-mdx.ts). Only a body that passes all three is ever compiled.
import { createProcessor } from "@mdx-js/mdx";
import type { ContentIssue } from "../content/issues";
import { LIMITS } from "../content/limits";
import { findViolations } from "./restrict-mdx";

/** Marks that open or close inline markup; in one paragraph, the parser's work grows with their square. */
const INLINE_MARKS = new Set(["*", "_", "[", "]", "`", "~", "<", "&", "=", "{", "}"]);
const MARKS_SHOWN = "* _ [ ] ` < & {";
/** Per paragraph and per module. The library's busiest paragraph has 32 such marks, its busiest module 150. */
export const MARKS_PER_PARAGRAPH = 200;
export const MARKS_PER_MODULE = 1_500;

/** Node types that hold other blocks: what the nesting limit counts. */
const CONTAINERS = new Set(["blockquote", "list", "mdxJsxFlowElement", "mdxJsxTextElement"]);

interface MdNode {
  type: string;
  children?: MdNode[];
  position?: { start: { line: number } };
}

export interface CheckedBody {
  tree: MdNode | null;
  issues: ContentIssue[];
}

export function checkModuleBody(file: string, body: string): CheckedBody {
  const error = (line: number, message: string): CheckedBody => ({
    tree: null,
    issues: [{ severity: "error", file, line, message }],
  });
  const scanned = scanText(body);
  if (scanned) return error(scanned.line, scanned.message);
  let tree: MdNode;
  try {
    tree = createProcessor({ format: "mdx" }).parse(body) as MdNode;
  } catch (thrown) {
    const place = thrown as { reason?: string; message?: string; line?: number | null };
    const reason = (place.reason ?? place.message ?? String(thrown)).replace(/\s*\(\d+:\d+(-\d+:\d+)?\)$/, "");
    return error(place.line ?? 1, `MDX syntax error: ${reason}`);
  }
  const shape = measureTree(tree);
  if (shape) return error(shape.line, shape.message);
  const violations = findViolations(tree);
  return {
    tree,
    issues: violations.map((v) => ({ severity: "error" as const, file, line: v.line, message: v.message })),
  };
}

interface Finding {
  line: number;
  message: string;
}

/** One pass over the lines; never more than a constant amount of work per character. */
function scanText(body: string): Finding | null {
  const lines = body.split("\n");
  let headings = 0;
  let moduleMarks = 0;
  let paragraphMarks = 0;
  let paragraphStart = 1;
  const listIndents: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const at = i + 1;
    if (line.trim() === "") {
      paragraphMarks = 0;
      continue;
    }
    if (paragraphMarks === 0) paragraphStart = at;
    if (/^ {0,3}(#{1,6}([ \t]|$)|=+[ \t]*$)/.test(line) && ++headings > LIMITS.headings) {
      return {
        line: at,
        message: `more than ${LIMITS.headings} headings; a module has at most ${LIMITS.headings}: split it into smaller modules`,
      };
    }
    const depth = nestingOnLine(line, listIndents);
    if (depth > LIMITS.nestingDepth) {
      return {
        line: at,
        message: `block quotes and lists nested ${depth} deep; at most ${LIMITS.nestingDepth} inside one another`,
      };
    }
    for (const ch of line) {
      if (!INLINE_MARKS.has(ch)) continue;
      paragraphMarks++;
      moduleMarks++;
    }
    if (paragraphMarks > MARKS_PER_PARAGRAPH) {
      return {
        line: paragraphStart,
        message: `too much markup in one paragraph: more than ${MARKS_PER_PARAGRAPH} marks such as ${MARKS_SHOWN}; split the paragraph`,
      };
    }
    if (moduleMarks > MARKS_PER_MODULE) {
      return {
        line: at,
        message: `too much markup: more than ${MARKS_PER_MODULE} marks such as ${MARKS_SHOWN} in one module; split it into smaller modules`,
      };
    }
  }
  return null;
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/**
 * How deep the containers on this line go: the `>` and list markers at its start, plus the list items it sits
 * in by indentation (`listIndents` keeps the indentation of the enclosing items from line to line).
 */
function nestingOnLine(line: string, listIndents: number[]): number {
  let i = 0;
  let markers = 0;
  let firstMarkerIsList = false;
  for (;;) {
    while (line[i] === " " || line[i] === "\t") i++;
    if (line[i] === ">") {
      markers++;
      i++;
      continue;
    }
    const list = LIST_MARKER.exec(line.slice(i, i + 11));
    if (!list) break;
    if (markers === 0) firstMarkerIsList = true;
    markers++;
    i += list[0].length;
  }
  const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, "    ").length;
  if (firstMarkerIsList) {
    while (listIndents.length && listIndents[listIndents.length - 1]! >= indent) listIndents.pop();
    listIndents.push(indent);
    return listIndents.length + markers - 1;
  }
  if (indent === 0) listIndents.length = 0;
  return markers;
}

/** Heading count and container depth, walked with an explicit stack so that no depth can overflow ours. */
function measureTree(tree: MdNode): Finding | null {
  let headings = 0;
  const stack: { node: MdNode; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length) {
    const { node, depth: outer } = stack.pop()!;
    const depth = outer + (CONTAINERS.has(node.type) ? 1 : 0);
    const line = node.position?.start.line ?? 1;
    if (depth > LIMITS.nestingDepth) {
      return {
        line,
        message: `block quotes, lists and components nested ${depth} deep; at most ${LIMITS.nestingDepth} inside one another`,
      };
    }
    if (node.type === "heading" && ++headings > LIMITS.headings) {
      return {
        line,
        message: `more than ${LIMITS.headings} headings; a module has at most ${LIMITS.headings}: split it into smaller modules`,
      };
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth });
  }
  return null;
}
