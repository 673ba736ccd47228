import { NODE_H, NODE_W, type ScenarioMap } from "../scenarios/graph";

interface Props {
  map: ScenarioMap;
  selected?: string | null;
  nodeHref?: (id: string) => string;
  /** node ids flagged by the validator */
  flagged?: string[];
}

/** The scenario's whole graph as SVG. Critical choices are dashed and marked "!", not just coloured. */
export function ScenarioMapView({ map, selected, nodeHref, flagged = [] }: Props) {
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const flaggedSet = new Set(flagged);
  return (
    <figure className="scenario-map">
      {/* The map can be wider than the screen: the scroll box takes focus so the keyboard can scroll it. */}
      <div className="scenario-map__scroll" tabIndex={0} role="region" aria-label="Scenario map (scrollable)">
        <svg viewBox={`0 0 ${map.width} ${map.height}`} width={map.width} height={map.height} role={nodeHref ? "group" : "img"} aria-labelledby="map-title">
          <title id="map-title">Map of the scenario: {map.nodes.length} nodes and {map.edges.length} arrows</title>
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="map-arrowhead" />
            </marker>
          </defs>
          {map.edges.map((e) => {
            const a = byId.get(e.from);
            const b = byId.get(e.to);
            if (!a || !b) return null;
            const x1 = a.x + NODE_W;
            const y1 = a.y + NODE_H / 2;
            const x2 = b.x;
            const y2 = b.y + NODE_H / 2;
            const back = x2 <= x1;
            const d = back
              ? `M ${x1} ${y1} C ${x1 + 60} ${y1 - 60}, ${x2 - 60} ${y2 - 60}, ${x2} ${y2}`
              : `M ${x1} ${y1} C ${(x1 + x2) / 2} ${y1}, ${(x1 + x2) / 2} ${y2}, ${x2} ${y2}`;
            return (
              <path key={e.id} d={d} className={`map-edge${e.critical ? " map-edge--critical" : ""}${e.conditional ? " map-edge--conditional" : ""}`} markerEnd="url(#arrow)">
                <title>{`${e.from} → ${e.to} by "${e.choiceId}"${e.critical ? " (critical error)" : ""}${e.conditional ? ` if ${e.conditional}` : ""}`}</title>
              </path>
            );
          })}
          {map.nodes.map((n) => {
            const criticalOut = map.edges.some((e) => e.from === n.id && e.critical);
            const box = (
              <g className={`map-node map-node--${n.kind}${n.success === false ? " map-node--fail" : ""}${n.unreachable || flaggedSet.has(n.id) ? " map-node--flagged" : ""}${selected === n.id ? " map-node--selected" : ""}`}>
                <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={n.kind === "ending" ? 20 : 6} />
                <text x={n.x + 10} y={n.y + 18}>{n.label.length > 20 ? `${n.label.slice(0, 19)}…` : n.label}</text>
                <text x={n.x + 10} y={n.y + 35} className="map-node__kind">
                  {n.kind === "ending" ? (n.success ? "ending: can pass" : "ending: fails") : n.kind === "start" ? "start" : "decision"}
                  {n.unreachable ? " · UNREACHABLE" : flaggedSet.has(n.id) ? " · PROBLEM" : ""}
                  {criticalOut ? " · !" : ""}
                </text>
              </g>
            );
            return nodeHref ? (
              <a key={n.id} href={nodeHref(n.id)} aria-label={`Node ${n.id}`}>{box}</a>
            ) : (
              <g key={n.id}>{box}</g>
            );
          })}
        </svg>
      </div>
      <figcaption className="muted">
        Boxes are nodes (rounded: endings); arrows are choices. Dashed arrows are critical errors (nodes with one show “!”);
        dotted arrows depend on a condition. Nodes marked UNREACHABLE or PROBLEM need attention.
      </figcaption>
    </figure>
  );
}
