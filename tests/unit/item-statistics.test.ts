// Facility and discrimination on attempts whose figures are worked out by hand below.
import { describe, expect, it } from "vitest";
import { itemStatistics, MIN_RESPONSES_FOR_FLAGS, type AttemptResponses } from "../../app/studio/item-statistics";

const attempt = (marks: Record<string, 0 | 1>): AttemptResponses =>
  Object.entries(marks).map(([id, m]) => ({ id, correct: m === 1 }));

// Four attempts of A, B and C:   A B C
//                           1:   1 1 1
//                           2:   1 0 1
//                           3:   0 0 1
//                           4:   0 1 0
// A: facility 2/4 = 0.5. Rest score (B, C) = 1, .5, .5, .5; mean .625. Item deviations .5, .5, -.5, -.5; rest
//    deviations .375, -.125, -.125, -.125. Sxy = .1875 - .0625 + .0625 + .0625 = .25, Sxx = 1, Syy = .1875,
//    r = .25 / √.1875 = 1/√3 ≈ 0.577.
// B: facility 0.5. Rest (A, C) = 1, 1, .5, 0; mean .625; deviations .375, .375, -.125, -.625; item +.5, -.5, -.5, +.5.
//    Sxy = .1875 - .1875 + .0625 - .3125 = -.25, Syy = .6875, r = -.25 / √.6875 = -1/√11 ≈ -0.302.
// C: facility 3/4 = 0.75. Rest (A, B) = 1, .5, 0, .5; mean .5; deviations .5, 0, -.5, 0; item .25, .25, .25, -.75.
//    Sxy = .125 + 0 - .125 + 0 = 0, r = 0.
const FOUR = [
  attempt({ A: 1, B: 1, C: 1 }),
  attempt({ A: 1, B: 0, C: 1 }),
  attempt({ A: 0, B: 0, C: 1 }),
  attempt({ A: 0, B: 1, C: 0 }),
];
const times = <T>(n: number, items: readonly T[]): T[] => Array.from({ length: n }, () => items).flat();

describe("item statistics", () => {
  it("computes facility and corrected point-biserial discrimination as worked out by hand", () => {
    const [a, b, c, d] = itemStatistics(["A", "B", "C", "D"], FOUR);
    expect(a).toMatchObject({ id: "A", responses: 4, facility: 0.5, discriminationResponses: 4 });
    expect(a!.discrimination).toBeCloseTo(1 / Math.sqrt(3), 10);
    expect(b).toMatchObject({ facility: 0.5 });
    expect(b!.discrimination).toBeCloseTo(-1 / Math.sqrt(11), 10);
    expect(c).toMatchObject({ facility: 0.75 });
    expect(c!.discrimination).toBeCloseTo(0, 10);
    // Never drawn: no figures.
    expect(d).toEqual({
      id: "D",
      responses: 0,
      facility: null,
      discriminationResponses: 0,
      discrimination: null,
      flags: [],
    });
  });

  it("flags only from the minimum sample on: the same figures, 28 attempts then 32", () => {
    expect(MIN_RESPONSES_FOR_FLAGS).toBe(30);
    expect(itemStatistics(["A", "B", "C"], times(7, FOUR)).map((s) => s.flags)).toEqual([[], [], []]);
    const flagged = itemStatistics(["A", "B", "C"], times(8, FOUR));
    expect(flagged.map((s) => s.responses)).toEqual([32, 32, 32]);
    expect(flagged[0]!.discrimination).toBeCloseTo(1 / Math.sqrt(3), 10); // copies change nothing but the sample
    expect(flagged.map((s) => s.flags)).toEqual([[], ["does-not-discriminate"], ["does-not-discriminate"]]);
  });

  it("flags too easy above 0.9 and too hard below 0.3, at exactly 30 attempts and not at 29", () => {
    const easyHard = (n: number) => itemStatistics(["E", "H"], times(n, [attempt({ E: 1, H: 0 })]));
    expect(easyHard(29).map((s) => s.flags)).toEqual([[], []]);
    expect(easyHard(30)).toEqual([
      // Everyone right (or wrong): no spread, so no discrimination to compute.
      { id: "E", responses: 30, facility: 1, discriminationResponses: 30, discrimination: null, flags: ["too-easy"] },
      { id: "H", responses: 30, facility: 0, discriminationResponses: 30, discrimination: null, flags: ["too-hard"] },
    ]);
  });

  it("keeps the thresholds strict: 0.9 is not too easy, 0.3 is not too hard", () => {
    // 27 of 30 right = 0.9; 9 of 30 right = 0.3. The other question varies with them so discrimination is high.
    const set = [...times(27, [attempt({ X: 1, Y: 1 })]), ...times(3, [attempt({ X: 0, Y: 0 })])];
    expect(itemStatistics(["X"], set)[0]).toMatchObject({ facility: 0.9, flags: [] });
    const hard = [...times(9, [attempt({ X: 1, Y: 1 })]), ...times(21, [attempt({ X: 0, Y: 0 })])];
    const [x] = itemStatistics(["X"], hard);
    expect(x).toMatchObject({ facility: 0.3, flags: [] });
    expect(x!.discrimination).toBeCloseTo(1, 10);
  });

  it("leaves an attempt of one question out of discrimination (it has no rest score)", () => {
    const [a] = itemStatistics(["A"], [...FOUR, attempt({ A: 1 })]);
    expect(a).toMatchObject({ responses: 5, facility: 0.6, discriminationResponses: 4 });
    expect(a!.discrimination).toBeCloseTo(1 / Math.sqrt(3), 10);
  });
});
