// How an officer's standing reads on a page: the status line (with the program it waits for), where each unmet
// requirement is met, and what renewal asks for. Pure wording over RequirementView; the rules stay in status.ts.
import type { Program } from "./format";
import { STATUS_LABELS, type CertificationStatus } from "./status";

/** The requirement shapes this module reads (a RequirementView, without importing the server module). */
type Titled = { kind: string; met: boolean; title: string } & Record<string, unknown>;

/**
 * A program whose prerequisite is not held reads "Not started: requires …" whatever evidence exists for it:
 * modules passed early are kept, but the program has not begun until the one before it is held.
 */
export function statusLine(
  status: CertificationStatus,
  requirements: readonly Titled[],
): { status: CertificationStatus; label: string } {
  const waitingFor = requirements.find((r) => r.kind === "program" && !r.met);
  if (waitingFor && (status === "in_progress" || status === "not_started"))
    return { status: "not_started", label: `Not started: requires ${waitingFor.title}` };
  return { status, label: STATUS_LABELS[status] };
}

/** Where an officer goes to meet a requirement they have not met yet (null: nothing to do but wait or ask). */
export function whereToMeet(r: Titled): { href: string; text: string } | null {
  if (r.met) return null;
  switch (r.kind) {
    // Modules and role-plays link from their own titles; a renewal check needs saying it is to be taken again.
    case "module":
      return r.since ? { href: `/modules/${String(r.slug)}#check-heading`, text: "Take the check again" } : null;
    case "program":
      return { href: `#program-${String(r.slug)}`, text: `See ${r.title}` };
    case "observation":
      return { href: "#observations-heading", text: "About observations" };
    case "practicum":
    case "formal_processes":
      return { href: "#practicum-heading", text: "Log practicum" };
    case "case_studies":
      return { href: "/certification/case-studies", text: "Write case studies" };
    case "cpd":
      return { href: "/certification/cpd", text: "Log development activities" };
    default:
      return null;
  }
}

const listing = (items: string[]) =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** What renewal asks for, in a sentence, from the program's renewal rules. */
export function renewalRules(program: Program, moduleTitle: (slug: string) => string): string {
  const { modules, scenarios, formalProcessesPerYear, cpdHours } = program.renewal;
  const parts: string[] = [];
  if (modules.length)
    parts.push(`pass the knowledge check of ${listing(modules.map((m) => `“${moduleTitle(m)}”`))} again`);
  if (scenarios.length)
    parts.push(`pass ${scenarios.length} assessed role-play${scenarios.length === 1 ? "" : "s"} again`);
  if (formalProcessesPerYear)
    parts.push(
      `take part in ${formalProcessesPerYear} formal restorative process${formalProcessesPerYear === 1 ? "" : "es"} (joint meeting, indirect dialogue or circle) in the year before it expires`,
    );
  if (cpdHours) parts.push(`log ${cpdHours} hours of continuing professional development confirmed by your supervisor`);
  return `To renew, in the ${program.renewal.windowDays} days before it expires: ${listing(parts)}. Then your supervisor signs off the renewal.`;
}
