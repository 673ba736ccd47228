// The one small-group rule of the impact report: no figure from fewer than five different people.
import { describe, expect, it } from "vitest";
import { figureOf, figureText, meanOf, MIN_PEOPLE } from "../../app/insight/suppression";

const answers = (people: string[], score = 4) => people.map((person) => ({ person, score }));
const mean = meanOf<{ score: number }>((a) => a.score);

describe("suppression", () => {
  it("withholds a figure from four people, however many answers they gave", () => {
    const figure = figureOf(answers(["a", "b", "c", "d", "a", "b"]), (a) => a.person, mean);
    expect(figure).toEqual({ value: null, n: 6, people: 4, suppressed: true });
    expect(figureText(figure)).toBe(`fewer than ${MIN_PEOPLE} people`);
  });

  it("shows a figure from five people, rounded to one decimal", () => {
    const items = [...answers(["a", "b", "c"], 4), ...answers(["d", "e"], 5), ...answers(["e"], 3)];
    const figure = figureOf(items, (a) => a.person, mean);
    expect(figure).toEqual({ value: 4.2, n: 6, people: 5, suppressed: false });
    expect(figureText(figure, "%")).toBe("4.2%");
  });

  it("says 'no data' when there is nothing to count, not that it was withheld", () => {
    const figure = figureOf([] as { person: string; score: number }[], (a) => a.person, mean);
    expect(figure).toEqual({ value: null, n: 0, people: 0, suppressed: false });
    expect(figureText(figure)).toBe("no data");
  });
});
