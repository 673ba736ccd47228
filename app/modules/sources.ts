// The works a module's ideas come from: declared in its front matter, checked like any other field, and shown
// as full citations at the end of the module. Pure: no I/O.
import { z } from "zod";

const text = z.string().trim().min(1, "must not be empty");

export const sourceSchema = z
  .object({
    /** "Surname, Given; Surname, Given", an organisation, or editors followed by "(eds.)". */
    authors: text,
    year: z.number().int().min(1800).max(2100),
    title: text,
    /** For a book or report: its publisher or issuing body. */
    publisher: text.optional(),
    /** For an article or chapter: the journal with volume(issue) and pages, or the edited book. */
    in: text.optional(),
    /** What the module takes from the work (one line). */
    usedFor: text.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.publisher === !s.in) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["publisher"],
        message: "give exactly one of `publisher` (a book or report) or `in` (a journal or edited book)",
      });
    }
  });

export type Source = z.infer<typeof sourceSchema>;

/** Sources are required of every module; the library gets errors, drafts and fixtures warnings so authors can work. */
export const LIBRARY_REQUIRES_SOURCES = true;

export interface SourceIssue {
  severity: "error" | "warning";
  path: (string | number)[];
  message: string;
}

export function sourceRuleIssues(sources: readonly Source[], inLibrary: boolean): SourceIssue[] {
  if (sources.length) return [];
  const severity = inLibrary && LIBRARY_REQUIRES_SOURCES ? "error" : "warning";
  return [
    {
      severity,
      path: ["title"],
      message: "no `sources`: name the works this module's ideas come from (authors, year, title, publisher or in)",
    },
  ];
}

/** One citation as plain parts, so the page can italicise the title of a book and quote that of an article. */
export function citationParts(s: Source): { lead: string; title: string; titleIsBook: boolean; tail: string } {
  const authors = s.authors.replace(/\s*;\s*/g, "; ");
  return s.in
    ? { lead: `${authors} (${s.year}). `, title: s.title, titleIsBook: false, tail: `. ${s.in}.` }
    : { lead: `${authors} (${s.year}). `, title: s.title, titleIsBook: true, tail: `. ${s.publisher}.` };
}
