// How the audit trail names what certification stores in its entries: programs by title, statuses by label.
import type { AuditNames } from "../audit/format";
import { allPrograms } from "./programs.server";
import { STATUS_LABELS } from "./status";

export function certificationAuditNames(): AuditNames {
  const titles = new Map(allPrograms().map((p) => [p.slug, p.title]));
  return {
    program: (slug) => titles.get(slug) ?? slug,
    status: (code) => (STATUS_LABELS as Record<string, string>)[code],
  };
}
