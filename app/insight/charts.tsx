// Charts drawn as SVG on the server: no chart library, no script. Each chart is a <figure> with a title, a
// sentence that says what it shows, and the same figures as a table (for screen readers, and for anyone who would
// rather read numbers). Colors come from the theme's custom properties, so light and dark both keep AA contrast.
import type { ReactNode } from "react";

/** One named series of values; a null value is a gap (no data for that category). */
export interface Series {
  name: string;
  values: (number | null)[];
}

export interface ChartData {
  /** the categories along the axis: statuses, weeks, months, competencies */
  categories: string[];
  series: Series[];
}

/** Theme colors for series, in order; each has at least 3:1 contrast with the page in both themes. */
const SERIES_COLORS = [
  "var(--accent)",
  "var(--warn)",
  "var(--example)",
  "var(--danger)",
  "var(--ok)",
  "var(--ink-soft)",
];
/** Dash patterns, so lines differ by more than color. */
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "4 4"];

export const seriesColor = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length]!;

interface FrameProps {
  id: string;
  title: string;
  summary: string;
  data: ChartData;
  unit?: string;
  children: ReactNode;
}

/** The figure around every chart: title, summary, the drawing (hidden from screen readers), legend and table. */
function ChartFrame({ id, title, summary, data, unit = "", children }: FrameProps) {
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`} className="chart__title">
          {title}
        </h3>
        <p className="chart__summary">{summary}</p>
      </figcaption>
      {children}
      {data.series.length > 1 ? <Legend series={data.series} /> : null}
      <details className="chart__data">
        <summary>Figures as a table</summary>
        <DataTable title={title} data={data} unit={unit} />
      </details>
    </figure>
  );
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="chart__legend" aria-hidden="true">
      {series.map((s, i) => (
        <li key={s.name}>
          <svg width="24" height="12" viewBox="0 0 24 12">
            <line x1="0" y1="6" x2="24" y2="6" stroke={seriesColor(i)} strokeWidth="4" strokeDasharray={DASHES[i]} />
          </svg>{" "}
          {s.name}
        </li>
      ))}
    </ul>
  );
}

export function DataTable({ title, data, unit }: { title: string; data: ChartData; unit: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <td />
            {data.series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.categories.map((c, ci) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {data.series.map((s) => (
                <td key={s.name}>{formatValue(s.values[ci] ?? null, unit)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function formatValue(value: number | null, unit = ""): string {
  if (value === null) return "no data";
  return `${Math.round(value * 10) / 10}${unit}`;
}

const WIDTH = 640;
const LABEL_W = 150;
const PLOT_H = 200;
const PAD = 28;

/** A round upper bound for an axis: the scale's maximum, or the data's, rounded up to a tidy step. */
function axisMax(values: (number | null)[], fixed?: number): number {
  if (fixed) return fixed;
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

interface ChartProps {
  id: string;
  title: string;
  summary: string;
  data: ChartData;
  /** "%" for percentages (the axis then runs to 100) */
  unit?: string;
}

/** Horizontal bars, stacked when there are several series: one row per category. */
export function BarChart({ id, title, summary, data, unit = "" }: ChartProps) {
  const rowH = 26;
  const totals = data.categories.map((_, ci) => data.series.reduce((sum, s) => sum + (s.values[ci] ?? 0), 0));
  const max = axisMax(totals, unit === "%" ? 100 : undefined);
  const plotW = WIDTH - LABEL_W - 50;
  const height = data.categories.length * rowH + 8;
  return (
    <ChartFrame id={id} title={title} summary={summary} data={data} unit={unit}>
      <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${height}`} aria-hidden="true" focusable="false">
        {data.categories.map((c, ci) => {
          let x = LABEL_W;
          const y = ci * rowH + 4;
          return (
            <g key={c}>
              <text x={LABEL_W - 8} y={y + rowH / 2 + 4} textAnchor="end" className="chart__label">
                {c}
              </text>
              {data.series.map((s, si) => {
                const w = ((s.values[ci] ?? 0) / max) * plotW;
                const rect = <rect key={s.name} x={x} y={y + 3} width={w} height={rowH - 8} fill={seriesColor(si)} />;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + rowH / 2 + 4} className="chart__label">
                {formatValue(totals[ci]!, unit)}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}

/** Vertical columns over time (one series): e.g. certifications ending in each of the next weeks. */
export function ColumnChart({ id, title, summary, data, unit = "" }: ChartProps) {
  const values = data.series[0]?.values ?? [];
  const max = axisMax(values, unit === "%" ? 100 : undefined);
  const plotW = WIDTH - PAD * 2;
  const colW = plotW / Math.max(1, data.categories.length);
  return (
    <ChartFrame id={id} title={title} summary={summary} data={data} unit={unit}>
      <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${PLOT_H + 60}`} aria-hidden="true" focusable="false">
        <Axis max={max} unit={unit} />
        {data.categories.map((c, ci) => {
          const v = values[ci] ?? 0;
          const h = (v / max) * PLOT_H;
          const x = PAD + ci * colW;
          return (
            <g key={c}>
              <rect x={x + 3} y={PAD + PLOT_H - h} width={colW - 6} height={h} fill={seriesColor(0)} />
              {v ? (
                <text x={x + colW / 2} y={PAD + PLOT_H - h - 4} textAnchor="middle" className="chart__label">
                  {formatValue(v, unit)}
                </text>
              ) : null}
              {ci % 2 === 0 ? (
                <text x={x + colW / 2} y={PAD + PLOT_H + 18} textAnchor="middle" className="chart__label">
                  {c}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}

function Axis({ max, unit }: { max: number; unit: string }) {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max);
  return (
    <g>
      {ticks.map((t) => {
        const y = PAD + PLOT_H - (t / max) * PLOT_H;
        return (
          <g key={t}>
            <line x1={PAD} x2={WIDTH - PAD} y1={y} y2={y} className="chart__grid" />
            <text x={PAD - 4} y={y + 4} textAnchor="end" className="chart__tick">
              {formatValue(t, unit)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Lines over time, one per series, each with its own color and dash; points mark every value. */
export function LineChart({ id, title, summary, data, unit = "" }: ChartProps) {
  const max = axisMax(
    data.series.flatMap((s) => s.values),
    unit === "%" ? 100 : undefined,
  );
  const left = PAD + 16;
  const plotW = WIDTH - left - PAD;
  const step = data.categories.length > 1 ? plotW / (data.categories.length - 1) : 0;
  const xAt = (ci: number) => left + ci * step;
  const yAt = (v: number) => PAD + PLOT_H - (v / max) * PLOT_H;
  return (
    <ChartFrame id={id} title={title} summary={summary} data={data} unit={unit}>
      <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${PLOT_H + 60}`} aria-hidden="true" focusable="false">
        <Axis max={max} unit={unit} />
        {data.categories.map((c, ci) => (
          <text key={c} x={xAt(ci)} y={PAD + PLOT_H + 18} textAnchor="middle" className="chart__label">
            {c}
          </text>
        ))}
        {data.series.map((s, si) => (
          <g key={s.name}>
            <path
              d={linePath(s.values, xAt, yAt)}
              fill="none"
              stroke={seriesColor(si)}
              strokeWidth="3"
              strokeDasharray={DASHES[si % DASHES.length]}
            />
            {s.values.map((v, ci) =>
              v === null ? null : <circle key={ci} cx={xAt(ci)} cy={yAt(v)} r="4" fill={seriesColor(si)} />,
            )}
          </g>
        ))}
      </svg>
    </ChartFrame>
  );
}

/** An SVG path through the values, broken where a value is missing. */
export function linePath(values: (number | null)[], xAt: (i: number) => number, yAt: (v: number) => number): string {
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${xAt(i).toFixed(1)} ${yAt(v).toFixed(1)} `;
    pen = true;
  });
  return d.trim();
}

/** Bars side by side for each category, one per series: e.g. an officer, their unit and the agency per competency. */
export function GroupedBarChart({ id, title, summary, data, unit = "" }: ChartProps) {
  const max = axisMax(
    data.series.flatMap((s) => s.values),
    unit === "%" ? 100 : undefined,
  );
  const groupH = 14 * data.series.length + 14;
  const plotW = WIDTH - LABEL_W - 50;
  const height = data.categories.length * groupH + 8;
  return (
    <ChartFrame id={id} title={title} summary={summary} data={data} unit={unit}>
      <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${height}`} aria-hidden="true" focusable="false">
        {data.categories.map((c, ci) => {
          const y = ci * groupH + 4;
          return (
            <g key={c}>
              <text x={LABEL_W - 8} y={y + groupH / 2} textAnchor="end" className="chart__label">
                {c}
              </text>
              {data.series.map((s, si) => {
                const v = s.values[ci] ?? null;
                const w = ((v ?? 0) / max) * plotW;
                const barY = y + si * 14;
                return (
                  <g key={s.name}>
                    <rect x={LABEL_W} y={barY} width={w} height={11} fill={seriesColor(si)} />
                    <text x={LABEL_W + w + 4} y={barY + 10} className="chart__tick">
                      {formatValue(v, unit)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}
