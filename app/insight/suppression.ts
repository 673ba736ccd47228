// The one rule for small groups in the training-impact report: a figure is shown only when it rests on at least
// five different people, so nobody's answers can be read off a report (docs/decisions/0371-impact-report.md).
// Sample sizes are always shown; the figure itself is withheld below the threshold.

export const MIN_PEOPLE = 5;

/** A reported figure: its value (null when withheld or when there is no data), what it rests on, and why hidden. */
export interface Figure {
  value: number | null;
  /** how many answers, attempts or entries the figure is computed from */
  n: number;
  /** how many different people those come from */
  people: number;
  suppressed: boolean;
}

/**
 * The figure `compute` gives over `items`, shown only when they come from at least MIN_PEOPLE people.
 * `personOf` says whose each item is.
 */
export function figureOf<T>(
  items: readonly T[],
  personOf: (item: T) => string,
  compute: (items: readonly T[]) => number,
): Figure {
  const people = new Set(items.map(personOf)).size;
  const suppressed = people < MIN_PEOPLE;
  const value = suppressed || !items.length ? null : Math.round(compute(items) * 10) / 10;
  return { value, n: items.length, people, suppressed: suppressed && items.length > 0 };
}

export const meanOf =
  <T>(pick: (item: T) => number) =>
  (items: readonly T[]) =>
    items.reduce((sum, item) => sum + pick(item), 0) / items.length;

export const percentOf =
  <T>(test: (item: T) => boolean) =>
  (items: readonly T[]) =>
    (100 * items.filter(test).length) / items.length;

/** How a figure reads in the report and the CSV: the value, "fewer than 5 people" or "no data". */
export function figureText(figure: Figure, unit = ""): string {
  if (figure.suppressed) return `fewer than ${MIN_PEOPLE} people`;
  if (figure.value === null) return "no data";
  return `${figure.value}${unit}`;
}
