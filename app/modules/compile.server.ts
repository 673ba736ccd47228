// Compiles a module with mdx-bundler and renders it to static HTML on the server. The browser receives
// HTML, never compiled code, so module pages need no 'unsafe-eval'. Bodies that contain anything but
// Markdown and the allowed components are refused before any compiled code is run.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { ContentIssue } from "../content/issues";
import { KNOWLEDGE_CHECK_MARKER, moduleComponents } from "./components";
import type { ModuleFrontmatter } from "./format";
import { parseModuleFrontmatter } from "./parse";
import { findViolations, type MdxViolation } from "./restrict-mdx";

/** Bump when the pipeline or components change, so cached compilations are made again. */
export const MODULE_COMPILER_VERSION = "3";

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
  return text.toLowerCase().normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/[\s_]+/g, "-").replace(/-+/g, "-") || "section";
}

/** Gives every h2 and h3 an id, and collects the h2s for the table of contents. */
function rehypeHeadings(toc: TocEntry[]) {
  return () => (tree: HastNode) => {
    const used = new Set<string>();
    const visit = (node: HastNode) => {
      if (node.type === "element" && (node.tagName === "h2" || node.tagName === "h3")) {
        const text = textOf(node).trim();
        let id = slugify(text);
        for (let n = 2; used.has(id); n++) id = `${slugify(text)}-${n}`;
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

export async function compileModule(file: string, source: string): Promise<{ compiled: CompiledModule | null; issues: ContentIssue[] }> {
  const { frontmatter, issues } = parseModuleFrontmatter(file, source);
  const violations: MdxViolation[] = [];
  const toc: TocEntry[] = [];
  let code: string;
  // Loaded on first use: a production server reads compiled modules from the cache and never needs it.
  const { bundleMDX } = await import("mdx-bundler");
  try {
    const result = await bundleMDX({
      source,
      mdxOptions(options) {
        // First, so that it sees only what the author wrote (the frontmatter export is added later).
        options.remarkPlugins = [remarkRefuse(violations), ...(options.remarkPlugins ?? [])];
        options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeHeadings(toc)];
        return options;
      },
      esbuildOptions(options) {
        options.logLevel = "silent";
        return options;
      },
    });
    code = result.code;
  } catch (error) {
    if (violations.length) {
      issues.push(...violations.map((v) => ({ severity: "error" as const, file, line: v.line, message: v.message })));
    } else {
      issues.push(...syntaxIssues(file, error));
    }
    return { compiled: null, issues };
  }
  if (!frontmatter) return { compiled: null, issues };
  const { getMDXComponent } = await import("mdx-bundler/client/index.js");
  const Component = getMDXComponent(code);
  const html = renderToStaticMarkup(createElement(Component, { components: moduleComponents }));
  const [before, after = ""] = html.split(KNOWLEDGE_CHECK_MARKER);
  const keyTerms = [...html.matchAll(/data-key-term="([^"]*)"/g)].map((m) => decodeEntities(m[1]!));
  const wordCount = html.replace(/<[^>]+>/g, " ").split(/\s+/).filter((w) => /\w/.test(w)).length;
  if (keyTerms.length === 0) issues.push({ severity: "warning", file, line: 1, message: "no <KeyTerm> in this module" });
  if (wordCount < 800) issues.push({ severity: "warning", file, line: 1, message: `only ${wordCount} words of teaching; aim for at least 800` });
  return { compiled: { frontmatter, html: { before: before!, after }, toc, keyTerms, wordCount }, issues };
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** esbuild's and MDX's errors, reduced to file:line: message. */
function syntaxIssues(file: string, error: unknown): ContentIssue[] {
  type EsbuildError = { text: string; location?: { line: number } | null; detail?: { cause?: { reason?: string }; reason?: string } };
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
  return [{ severity: "error", file, line: line ? Number(line) : 1, message: `MDX syntax error: ${message.split("\n")[0]}` }];
}
