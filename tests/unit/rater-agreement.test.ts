import { describe, expect, it } from "vitest";
import {
  agreementByAssessorPair,
  agreementByCriterion,
  agreementTable,
  describeKappa,
  MIN_OBSERVATIONS,
  quadraticWeightedKappa,
  type RatingPair,
} from "../../app/certification/agreement";
import type { Level } from "../../app/certification/rubric-format";

describe("quadratic-weighted Cohen's kappa", () => {
  /*
   * Worked by hand. Ten ratings on the four levels (0 not yet, 1 developing, 2 competent, 3 strong);
   * rows: first assessor, columns: second assessor.
   *
   *              0   1   2   3  | row total
   *        0  [  1   0   0   0 ] | 1
   *        1  [  0   2   1   0 ] | 3
   *        2  [  0   1   3   0 ] | 4
   *        3  [  0   0   1   1 ] | 2
   *   col total  1   3   5   1   | N = 10
   *
   * Weights w(i,j) = (i - j)^2 / (4 - 1)^2: 1/9 one level apart, 4/9 two apart, 1 three apart.
   * Observed weighted disagreement: cells (1,2), (2,1), (3,2), one level apart each: 3 x 1/9 = 3/9.
   * Expected (by chance) weighted disagreement: sum over i,j of w(i,j) x row_i x col_j / N
   *   row 0 (1): 1/9 x 3 + 4/9 x 5 + 1 x 1            = 32/9
   *   row 1 (3): 1/9 x 3 + 1/9 x 15 + 4/9 x 3         = 30/9
   *   row 2 (4): 4/9 x 4 + 1/9 x 12 + 1/9 x 4         = 32/9
   *   row 3 (2): 1 x 2 + 4/9 x 6 + 1/9 x 10           = 52/9
   *   total 146/9, divided by N = 10: 146/90.
   * kappa = 1 - (3/9) / (146/90) = 1 - 30/146 = 58/73 = 0.7945...
   */
  const worked = [
    [1, 0, 0, 0],
    [0, 2, 1, 0],
    [0, 1, 3, 0],
    [0, 0, 1, 1],
  ];

  it("matches the table worked by hand", () => {
    expect(quadraticWeightedKappa(worked)).toBeCloseTo(58 / 73, 12);
  });

  it("builds that table from the pairs of levels", () => {
    const pairs: [number, number][] = [
      [0, 0],
      [1, 1],
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
      [2, 2],
      [2, 2],
      [3, 2],
      [3, 3],
    ];
    expect(agreementTable(pairs, 4)).toEqual(worked);
  });

  it("is 1 for perfect agreement, 0.6 one level off everywhere, -1 for mirrored ratings", () => {
    expect(
      quadraticWeightedKappa(
        agreementTable(
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [3, 3],
          ],
          4,
        ),
      ),
    ).toBe(1);
    // Uniform margins, each rating one level off: observed 4/9, expected 40/9 / 4 = 10/9, so 1 - 0.4.
    expect(
      quadraticWeightedKappa(
        agreementTable(
          [
            [0, 1],
            [1, 0],
            [2, 3],
            [3, 2],
          ],
          4,
        ),
      ),
    ).toBeCloseTo(0.6, 12);
    // Same margins, mirrored: observed 2 x 1 + 2 x 1/9 = 20/9, so 1 - 2.
    expect(
      quadraticWeightedKappa(
        agreementTable(
          [
            [0, 3],
            [3, 0],
            [1, 2],
            [2, 1],
          ],
          4,
        ),
      ),
    ).toBeCloseTo(-1, 12);
  });

  it("is undefined with no ratings or when both assessors used one level throughout", () => {
    expect(quadraticWeightedKappa(agreementTable([], 4))).toBeNull();
    expect(
      quadraticWeightedKappa(
        agreementTable(
          [
            [2, 2],
            [2, 2],
            [2, 2],
          ],
          4,
        ),
      ),
    ).toBeNull();
  });

  it("reads kappa in Landis and Koch's words", () => {
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(describeKappa)).toEqual([
      "poor (worse than chance)",
      "slight",
      "fair",
      "moderate",
      "substantial",
      "almost perfect",
    ]);
  });
});

describe("agreement per criterion and per assessor pair", () => {
  const L: Level[] = ["not-yet", "developing", "competent", "strong"];
  const pair = (n: number, criterionId: string, assessors: [string, string], levels: [number, number]): RatingPair => ({
    observationId: `o${n}`,
    rubricSlug: "r",
    rubricTitle: "R",
    criterionId,
    criterionTitle: criterionId.toUpperCase(),
    assessors,
    levels: [L[levels[0]]!, L[levels[1]]!],
  });
  // The worked table again, as ten observations of criterion "a" by ann (first) and bob (second).
  const worked: [number, number][] = [
    [0, 0],
    [1, 1],
    [1, 1],
    [1, 2],
    [2, 1],
    [2, 2],
    [2, 2],
    [2, 2],
    [3, 2],
    [3, 3],
  ];

  it("computes kappa per criterion, with the number of observations behind it", () => {
    const [a] = agreementByCriterion(worked.map((levels, n) => pair(n, "a", ["ann", "bob"], levels)));
    expect(a).toMatchObject({
      criterionId: "a",
      criterionTitle: "A",
      observations: 10,
      ratings: 10,
      exact: 0.7,
      enoughData: true,
    });
    expect(a!.kappa).toBeCloseTo(58 / 73, 12);
  });

  it("says not enough data under the minimum, and gives no kappa", () => {
    const few = worked.slice(0, MIN_OBSERVATIONS - 1).map((levels, n) => pair(n, "a", ["ann", "bob"], levels));
    expect(agreementByCriterion(few)[0]).toMatchObject({
      observations: MIN_OBSERVATIONS - 1,
      kappa: null,
      enoughData: false,
    });
  });

  it("pools a pair's criteria whichever of them scored first, and shows who scores higher", () => {
    // bob scored first on half the observations: the pair's figures must not depend on the order.
    const pairs = worked.flatMap((levels, n) => [
      n % 2 ? pair(n, "a", ["bob", "ann"], [levels[1], levels[0]]) : pair(n, "a", ["ann", "bob"], levels),
      pair(n, "b", ["ann", "bob"], [Math.min(3, levels[0] + 1), levels[0]]),
    ]);
    const [p] = agreementByAssessorPair(pairs);
    expect(p!.assessors).toEqual(["ann", "bob"]);
    expect(p).toMatchObject({ observations: 10, ratings: 20, enoughData: true });
    // criterion a: ann - bob sums to (1-2) + (2-1) + (3-2) = +1; criterion b: ann is one level higher except where she gave "strong" (8 of 10).
    expect(p!.meanDifference).toBeCloseTo((1 + 8) / 20, 12);
    expect(p!.kappa).not.toBeNull();
  });
});
