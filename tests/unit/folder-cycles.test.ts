// No import cycles between the folders of app/: each capability sits on the ones below it, never calls back up.
// The linter's cycle rule works file by file; this looks at folders, where a cycle means two capabilities that
// can no longer be understood (or moved) one without the other. A file directly in app/ (root.tsx, forms.ts,
// seeded-random.ts) is a node of its own: the entry files sit above everything, the small shared helpers below.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const appRoot = resolve("app");
const sourceFile = /\.(ts|tsx|js|mjs)$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return sourceFile.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The folder of app/ a file belongs to (or the file's own name, directly in app/); null outside app/. */
function folderOf(path: string): string | null {
  const inside = relative(appRoot, path);
  if (inside.startsWith("..")) return null;
  const [first = inside, ...rest] = inside.split(sep);
  return rest.length ? first : first.replace(sourceFile, "");
}

/** Every module a file imports or re-exports from (static and dynamic), resolved to a path; packages are left out. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles.flatMap(({ fileName }) => {
    if (fileName.startsWith("~/")) return [join(appRoot, fileName.slice(2))];
    if (fileName.startsWith(".")) return [resolve(dirname(file), fileName)];
    return [];
  });
}

export function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(appRoot)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const target of importsOf(file)) {
      const to = folderOf(target);
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      // Keep one example import per folder pair, so a failure names a file to change.
      if (!edges.has(to)) edges.set(to, `${relative(".", file)} -> ${relative(".", target)}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** The cycles of the folder graph, one per strongly connected group, each as a path with an example import per step. */
export function folderCycles(graph: Map<string, Map<string, string>>): string[] {
  const cycles: string[] = [];
  const reported = new Set<string>();
  for (const start of [...graph.keys()].sort()) {
    if (reported.has(start)) continue;
    const way = shortestWayBack(graph, start);
    if (!way) continue;
    way.forEach((step) => reported.add(step.from));
    cycles.push(way.map((step) => `${step.from} -> ${step.to} (${step.example})`).join("; "));
  }
  return cycles;
}

function shortestWayBack(graph: Map<string, Map<string, string>>, start: string) {
  type Step = { from: string; to: string; example: string };
  const cameBy = new Map<string, Step>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head] ?? start;
    for (const [to, example] of graph.get(from) ?? []) {
      if (to === start) {
        const way: Step[] = [{ from, to, example }];
        for (let at = from; at !== start;) {
          const step = cameBy.get(at);
          if (!step) break;
          way.unshift(step);
          at = step.from;
        }
        return way;
      }
      if (cameBy.has(to)) continue;
      cameBy.set(to, { from, to, example });
      queue.push(to);
    }
  }
  return null;
}

describe("folders of app/", () => {
  it("import one another without cycles", () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(5);
    expect(folderCycles(graph)).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself can fail)", () => {
    const graph = new Map([
      ["a", new Map([["b", "a.ts -> b.ts"]])],
      ["b", new Map([["c", "b.ts -> c.ts"]])],
      ["c", new Map([["a", "c.ts -> a.ts"]])],
    ]);
    expect(folderCycles(graph)).toEqual(["a -> b (a.ts -> b.ts); b -> c (b.ts -> c.ts); c -> a (c.ts -> a.ts)"]);
  });
});
