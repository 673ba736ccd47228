// A line-by-line comparison of two texts (longest common subsequence), for comparing scenario versions and for
// showing a reviewer what changed in a draft since they opened it.
export type DiffLine = { kind: "same" | "added" | "removed"; text: string; oldLine: number | null; newLine: number | null };

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
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
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
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push({ kind: "added", text: midB[j]!, oldLine: null, newLine: head + j + 1 });
      j++;
    } else {
      out.push({ kind: "removed", text: midA[i]!, oldLine: head + i + 1, newLine: null });
      i++;
    }
  }
  for (let k = 0; k < tail; k++) {
    out.push({ kind: "same", text: a[a.length - tail + k]!, oldLine: a.length - tail + k + 1, newLine: b.length - tail + k + 1 });
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
  return { lines: out, added: lines.filter((l) => l.kind === "added").length, removed: lines.filter((l) => l.kind === "removed").length };
}
