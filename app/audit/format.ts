// Audit values are stored as JSON; people read them as "key: value" pairs.
export function describeAuditValue(json: string | null): string {
  if (!json) return "";
  try {
    const value = JSON.parse(json) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k.replace(/([A-Z])/g, " $1").toLowerCase()}: ${Array.isArray(v) ? v.join(", ") || "none" : v === null ? "none" : String(v)}`)
        .join("; ");
    }
    return String(value);
  } catch {
    return json;
  }
}
