// Compiles a module with mdx-bundler and renders it to static HTML on the server. The browser receives
// HTML, never compiled code, so module pages need no 'unsafe-eval'.
//
// Nothing a trainer writes is evaluated. The front matter is read by our YAML parser only (parse.ts), and a
// file whose first line is not exactly `---` goes no further. The body is parsed and checked first (body.ts):
// only a body that passed every rule reaches mdx-bundler, and it gets the body alone, with the front-matter
// lines left empty. mdx-bundler's own front-matter step (gray-matter, which evaluates `---js` blocks) is set so
// that it can never match or run, and esbuild may resolve no import. See docs/decisions/0100-no-evaluation-of-authored-content.md.
import type { Plugin } from "esbuild";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { hasErrors, type ContentIssue } from "../content/issues";
import { checkModuleBody } from "./body";
import { KNOWLEDGE_CHECK_MARKER, moduleComponents } from "./components";
import type { ModuleFrontmatter } from "./format";
import { parseFrontmatterYaml, splitModuleSource } from "./parse";
import { findViolations, type MdxViolation } from "./restrict-mdx";

/** Bump when the pipeline or components change, so cached compilations are made again. */
export const MODULE_COMPILER_VERSION = "4";

export interface TocEntry {
  id: string;
  text: string;
}

export interface CompiledModule {
  frontmatter: ModuleFrontmatter;
  html: { before: string; after: string };
  toc: TocEntry[];
  keyTerms: string[];
  wordCount: number;
}

class RefusedMdx extends Error {}

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function textOf(node: HastNode): string {
  return node.type === "text" ? (node.value ?? "") : (node.children ?? []).map(textOf).join("");
}

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/[\s_]+/g, "-")
      .replace(/-+/g, "-") || "section"
  );
}

/** Gives every h2 and h3 an id, and collects the h2s for the table of contents. */
function rehypeHeadings(toc: TocEntry[]) {
  return () => (tree: HastNode) => {
    const used = new Set<string>();
    // The next suffix to try for each base id: repeated headings cost one step each, not one per earlier twin.
    const nextSuffix = new Map<string, number>();
    const visit = (node: HastNode) => {
      if (node.type === "element" && (node.tagName === "h2" || node.tagName === "h3")) {
        const text = textOf(node).trim();
        const base = slugify(text);
        let id = base;
        if (used.has(id)) {
          let n = nextSuffix.get(base) ?? 2;
          while (used.has(`${base}-${n}`)) n++;
          id = `${base}-${n}`;
          nextSuffix.set(base, n + 1);
        }
        used.add(id);
        node.properties = { ...node.properties, id };
        if (node.tagName === "h2") toc.push({ id, text });
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}

function remarkRefuse(sink: MdxViolation[]) {
  return () => (tree: Parameters<typeof findViolations>[0]) => {
    sink.push(...findViolations(tree));
    if (sink.length) throw new RefusedMdx("refused");
  };
}

export async function compileModule(
  file: string,
  source: string,
): Promise<{ compiled: CompiledModule | null; issues: ContentIssue[] }> {
  const split = splitModuleSource(file, source);
  if (split.yaml === null || split.body === null) return { compiled: null, issues: split.issues };
  const { frontmatter, issues } = parseFrontmatterYaml(file, split.yaml);
  if (!frontmatter || hasErrors(issues)) return { compiled: null, issues };
  const body = checkModuleBody(file, split.body);
  issues.push(...body.issues);
  if (hasErrors(issues)) return { compiled: null, issues };
  const bundled = await bundleBody(file, split.body);
  if (!bundled.code) return { compiled: null, issues: [...issues, ...bundled.issues] };
  const { getMDXComponent } = await import("mdx-bundler/client/index.js");
  const Component = getMDXComponent(bundled.code);
  const html = renderToStaticMarkup(createElement(Component, { components: moduleComponents }));
  const [before, after = ""] = html.split(KNOWLEDGE_CHECK_MARKER);
  const keyTerms = [...html.matchAll(/data-key-term="([^"]*)"/g)].map((m) => decodeEntities(m[1]!));
  const wordCount = html
    .replace(/<[^>]+>/g, " ")
    .split(/\s+/)
    .filter((w) => /\w/.test(w)).length;
  if (keyTerms.length === 0)
    issues.push({ severity: "warning", file, line: 1, message: "no <KeyTerm> in this module" });
  if (wordCount < 800)
    issues.push({
      severity: "warning",
      file,
      line: 1,
      message: `only ${wordCount} words of teaching; aim for at least 800`,
    });
  return { compiled: { frontmatter, html: { before: before!, after }, toc: bundled.toc, keyTerms, wordCount }, issues };
}

/** gray-matter reads a block only when the text starts with its delimiter; a body always starts with a newline. */
const NO_FRONT_MATTER = "\u0000no front matter here\u0000";
const refuseToRun = () => {
  throw new Error("front matter is read by Circlekeeper's YAML parser only");
};
/** Every language gray-matter knows or aliases, so that even a matched block could not run. */
const REFUSING_ENGINES = Object.fromEntries(
  ["yaml", "yml", "json", "js", "javascript", "coffee", "coffeescript", "cson", "toml"].map((name) => [
    name,
    { parse: refuseToRun, stringify: refuseToRun },
  ]),
);

/** esbuild resolves the entry only: no import from disk, the network or anywhere else. */
function onlyTheEntry(): Plugin {
  return {
    name: "circlekeeper-no-imports",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) =>
        args.kind === "entry-point"
          ? undefined
          : { errors: [{ text: `imports are not allowed in modules ("${args.path.slice(0, 60)}")` }] },
      );
    },
  };
}

/** The body (front matter blanked) through mdx-bundler, with the module rules checked again on its own tree. */
async function bundleBody(
  file: string,
  body: string,
): Promise<{ code: string | null; toc: TocEntry[]; issues: ContentIssue[] }> {
  const violations: MdxViolation[] = [];
  const toc: TocEntry[] = [];
  // Loaded on first use: a production server reads compiled modules from the cache and never needs it.
  const { bundleMDX } = await import("mdx-bundler");
  try {
    const result = await bundleMDX({
      source: body,
      grayMatterOptions: (options) => ({
        ...options,
        delimiters: [NO_FRONT_MATTER, NO_FRONT_MATTER],
        language: "yaml",
        engines: REFUSING_ENGINES,
      }),
      mdxOptions(options) {
        // First, so that it sees only what the author wrote. mdx-bundler's MDX may parse differently from the
        // one body.ts used, so its tree is checked too.
        options.remarkPlugins = [remarkRefuse(violations), ...(options.remarkPlugins ?? [])];
        options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeHeadings(toc)];
        return options;
      },
      esbuildOptions(options) {
        options.logLevel = "silent";
        // After the global externals (React and its JSX runtime, provided at render), before any resolver.
        const [externals, ...rest] = options.plugins ?? [];
        options.plugins = [...(externals ? [externals] : []), onlyTheEntry(), ...rest];
        return options;
      },
    });
    return { code: result.code, toc, issues: [] };
  } catch (error) {
    if (violations.length)
      return {
        code: null,
        toc,
        issues: violations.map((v) => ({ severity: "error" as const, file, line: v.line, message: v.message })),
      };
    return { code: null, toc, issues: syntaxIssues(file, error) };
  }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/** esbuild's and MDX's errors, reduced to file:line: message. */
function syntaxIssues(file: string, error: unknown): ContentIssue[] {
  type EsbuildError = {
    text: string;
    location?: { line: number } | null;
    detail?: { cause?: { reason?: string }; reason?: string };
  };
  const errors = (error as { errors?: EsbuildError[] }).errors;
  if (errors?.length) {
    return errors.map((e) => ({
      severity: "error" as const,
      file,
      line: e.location?.line ?? 1,
      // MDX's own reason is nested under esbuild's generic "Cannot process MDX file".
      message: `MDX syntax error: ${(e.detail?.cause?.reason ?? e.detail?.reason ?? e.text).replace(/\s*\(\d+:\d+-\d+:\d+\)$/, "")}`,
    }));
  }
  const message = error instanceof Error ? error.message : String(error);
  const line = /(\d+):\d+/.exec(message)?.[1];
  return [
    { severity: "error", file, line: line ? Number(line) : 1, message: `MDX syntax error: ${message.split("\n")[0]}` },
  ];
}
