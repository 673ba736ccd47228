// A line-by-line comparison of two texts (longest common subsequence), for comparing scenario versions and for
// showing a reviewer what changed in a draft since they opened it.
export type DiffLine = {
  kind: "same" | "added" | "removed";
  text: string;
  oldLine: number | null;
  newLine: number | null;
};

/** The changed lines with a little unchanged context around them; a gap stands for the lines left out. */
export type DiffExcerpt = { lines: (DiffLine | { kind: "gap" })[]; added: number; removed: number };

export class DiffTooLarge extends Error {}

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  // Trim the common head and tail so the quadratic part only covers what changed.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  if (n * m > 25_000_000) throw new DiffTooLarge("These versions differ too much to compare line by line.");
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  const out: DiffLine[] = [];
  for (let k = 0; k < head; k++) out.push({ kind: "same", text: a[k]!, oldLine: k + 1, newLine: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      out.push({ kind: "same", text: midA[i]!, oldLine: head + i + 1, newLine: head + j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removed before added, as in `diff -u`: a changed line reads old, then new.
      out.push({ kind: "removed", text: midA[i]!, oldLine: head + i + 1, newLine: null });
      i++;
    } else {
      out.push({ kind: "added", text: midB[j]!, oldLine: null, newLine: head + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < tail; k++) {
    out.push({
      kind: "same",
      text: a[a.length - tail + k]!,
      oldLine: a.length - tail + k + 1,
      newLine: b.length - tail + k + 1,
    });
  }
  return out;
}

export function diffExcerpt(lines: DiffLine[], context = 2): DiffExcerpt {
  const changed = lines.map((l) => l.kind !== "same");
  const near = (i: number) => changed.slice(Math.max(0, i - context), i + context + 1).some(Boolean);
  const out: DiffExcerpt["lines"] = [];
  let skipped = false;
  lines.forEach((line, i) => {
    if (!near(i)) {
      skipped = true;
      return;
    }
    if (skipped && out.length) out.push({ kind: "gap" });
    skipped = false;
    out.push(line);
  });
  return {
    lines: out,
    added: lines.filter((l) => l.kind === "added").length,
    removed: lines.filter((l) => l.kind === "removed").length,
  };
}

/** The changed hunks from one text to another, or "too-large" when they differ too much to compare by line. */
export function hunksBetween(before: string, after: string): DiffHunk[] | "too-large" {
  try {
    return diffHunks(diffLines(before, after));
  } catch (error) {
    if (error instanceof DiffTooLarge) return "too-large";
    throw error;
  }
}

/** A run of changed lines with up to `context` unchanged lines around it, and where it sits in each text. */
export type DiffHunk = { oldStart: number; oldCount: number; newStart: number; newCount: number; lines: DiffLine[] };

/** The changed hunks only (like `diff -u`), so two changed lines in a long file read as two short hunks. */
export function diffHunks(lines: DiffLine[], context = 3): DiffHunk[] {
  const changedAt = lines.flatMap((l, i) => (l.kind === "same" ? [] : [i]));
  const ranges: [number, number][] = [];
  for (const i of changedAt) {
    const start = Math.max(0, i - context);
    const end = Math.min(lines.length, i + context + 1);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges.map(([start, end]) => {
    const slice = lines.slice(start, end);
    return {
      oldStart: firstLine(lines, start, "oldLine"),
      oldCount: slice.filter((l) => l.kind !== "added").length,
      newStart: firstLine(lines, start, "newLine"),
      newCount: slice.filter((l) => l.kind !== "removed").length,
      lines: slice,
    };
  });
}

/** The line number in one text where a hunk starting at `index` begins (for an empty side, the line before it). */
function firstLine(lines: DiffLine[], index: number, side: "oldLine" | "newLine"): number {
  for (let i = index; i < lines.length; i++) if (lines[i]![side] !== null) return lines[i]![side]!;
  for (let i = index - 1; i >= 0; i--) if (lines[i]![side] !== null) return lines[i]![side]!;
  return 0;
}

/** One side's change to the common base: base lines [baseStart, baseEnd) replaced by `lines`. */
type Change = { baseStart: number; baseEnd: number; lines: string[] };

function changesOf(diff: DiffLine[]): Change[] {
  const changes: Change[] = [];
  let base = 0;
  let open: Change | null = null;
  for (const line of diff) {
    if (line.kind === "same") {
      open = null;
      base++;
      continue;
    }
    if (!open) changes.push((open = { baseStart: base, baseEnd: base, lines: [] }));
    if (line.kind === "removed") open.baseEnd = ++base;
    else open.lines.push(line.text);
  }
  return changes;
}

/** Where both sides changed the same base lines differently: the base text and each side's text there. */
export type MergeConflict = { baseLine: number; base: string[]; ours: string[]; theirs: string[] };
export type MergeResult = { text: string; conflicts: MergeConflict[] };

/**
 * A three-way line merge (as diff3): the changes from `base` to `theirs` applied to `ours`. Changes of the two
 * sides that overlap or touch the same base lines are conflicts unless both made the same change.
 */
export function mergeThreeWay(base: string, ours: string, theirs: string): MergeResult {
  const baseLines = base.split("\n");
  const tagged = [
    ...changesOf(diffLines(base, ours)).map((c) => ({ ...c, side: "ours" as const })),
    ...changesOf(diffLines(base, theirs)).map((c) => ({ ...c, side: "theirs" as const })),
  ].sort((a, b) => a.baseStart - b.baseStart || a.baseEnd - b.baseEnd);
  const out: string[] = [];
  const conflicts: MergeConflict[] = [];
  let pos = 0;
  let i = 0;
  while (i < tagged.length) {
    const cluster = [tagged[i]!];
    let end = tagged[i]!.baseEnd;
    for (i++; i < tagged.length && tagged[i]!.baseStart <= end; i++) {
      cluster.push(tagged[i]!);
      end = Math.max(end, tagged[i]!.baseEnd);
    }
    const start = cluster[0]!.baseStart;
    out.push(...baseLines.slice(pos, start));
    const ours = regionOf(
      baseLines,
      start,
      end,
      cluster.filter((c) => c.side === "ours"),
    );
    const theirs = regionOf(
      baseLines,
      start,
      end,
      cluster.filter((c) => c.side === "theirs"),
    );
    const bothSides = cluster.some((c) => c.side === "ours") && cluster.some((c) => c.side === "theirs");
    if (bothSides && ours.join("\n") !== theirs.join("\n")) {
      conflicts.push({ baseLine: start + 1, base: baseLines.slice(start, end), ours, theirs });
      out.push(...ours);
    } else {
      out.push(...(cluster.some((c) => c.side === "theirs") ? theirs : ours));
    }
    pos = end;
  }
  out.push(...baseLines.slice(pos));
  return { text: out.join("\n"), conflicts };
}

/** The base lines [start, end) with one side's changes in that region applied. */
function regionOf(baseLines: string[], start: number, end: number, changes: Change[]): string[] {
  const out: string[] = [];
  let pos = start;
  for (const c of changes) {
    out.push(...baseLines.slice(pos, c.baseStart), ...c.lines);
    pos = c.baseEnd;
  }
  out.push(...baseLines.slice(pos, end));
  return out;
}
