// What the site search covers for a person: modules and role-plays for anyone who reads them, and officers for
// those who supervise. Pure: the header uses it to label the box, the server to decide what to search.
import { can, type Role } from "../auth/roles";

export const SEARCH_MAX_LENGTH = 100;

export function maySearch(role: Role): boolean {
  return can(role, "modules:read") || can(role, "scenarios:play");
}

export function searchesOfficers(role: Role): boolean {
  return can(role, "officers:supervise");
}

export function searchLabel(role: Role): string {
  return searchesOfficers(role) ? "Search modules, role-plays and officers" : "Search modules and role-plays";
}
