// The scenario's graph as SVG, fitted to its box by default, with zoom, pan and a minimap
// (docs/decisions/0217-map-fits-its-box.md). Everything is SVG attributes, no inline styles (the CSP), and the
// server renders the fitted map, so it reads without JavaScript; zoom and pan need it.
import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { NODE_H, NODE_W, type MapNode, type ScenarioMap } from "../scenarios/graph";

interface Props {
  map: ScenarioMap;
  selected?: string | null;
  nodeHref?: (id: string) => string;
  /** node ids flagged by the validator */
  flagged?: string[];
  /** the visual editor: a node is a button that selects it, and dragging from one node to another connects them */
  editing?: MapEditing;
}

export interface MapEditing {
  onSelect: (nodeId: string) => void;
  onConnect: (from: string, to: string) => void;
}

/** A connection being dragged: from a node to the pointer, in map coordinates. */
type Connecting = { from: string; x: number; y: number; moved: boolean };

type View = { x: number; y: number; w: number; h: number };

const MIN_WIDTH = NODE_W * 2;
const PAN_STEP = 0.15;

function fitted(map: ScenarioMap): View {
  return { x: 0, y: 0, w: map.width, h: map.height };
}

/** Zooms by `factor` (< 1: in) around the view's centre, never out beyond the whole map nor in beyond two nodes. */
function zoomed(view: View, factor: number, map: ScenarioMap): View {
  const w = Math.min(map.width, Math.max(MIN_WIDTH, view.w * factor));
  const h = (view.h / view.w) * w;
  return clamped({ x: view.x + (view.w - w) / 2, y: view.y + (view.h - h) / 2, w, h }, map);
}

/** Keeps the view over the map. */
function clamped(view: View, map: ScenarioMap): View {
  const x = Math.min(Math.max(view.x, Math.min(0, map.width - view.w)), Math.max(0, map.width - view.w));
  const y = Math.min(Math.max(view.y, Math.min(0, map.height - view.h)), Math.max(0, map.height - view.h));
  return { ...view, x, y };
}

function centredOn(view: View, cx: number, cy: number, map: ScenarioMap): View {
  return clamped({ ...view, x: cx - view.w / 2, y: cy - view.h / 2 }, map);
}

const PAN_KEYS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export function ScenarioMapView({ map, selected, nodeHref, flagged = [], editing }: Props) {
  const [view, setView] = useState<View>(() => fitted(map));
  const drag = useRef<{ x: number; y: number; view: View; scale: number } | null>(null);
  const [connecting, setConnecting] = useState<Connecting | null>(null);
  // The map changes as a trainer types: a view of the old map is refitted.
  const [mapSize, setMapSize] = useState(`${map.width}x${map.height}`);
  if (mapSize !== `${map.width}x${map.height}`) {
    setMapSize(`${map.width}x${map.height}`);
    setView(fitted(map));
  }
  const zoom = Math.round((map.width / view.w) * 100);
  const isFit = view.w >= map.width;

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const pan = PAN_KEYS[e.key];
      if (pan) {
        e.preventDefault();
        setView((v) => clamped({ ...v, x: v.x + pan[0] * v.w * PAN_STEP, y: v.y + pan[1] * v.h * PAN_STEP }, map));
      } else if (e.key === "+" || e.key === "=") {
        setView((v) => zoomed(v, 0.8, map));
      } else if (e.key === "-" || e.key === "_") {
        setView((v) => zoomed(v, 1.25, map));
      } else if (e.key === "0") {
        setView(fitted(map));
      }
    },
    [map],
  );

  function onPointerDown(e: PointerEvent<SVGSVGElement>) {
    const from = editing && nodeAt(e.target);
    if (from && e.button === 0) {
      e.currentTarget.setPointerCapture(e.pointerId);
      setConnecting({ from, ...mapPoint(e), moved: false });
      return;
    }
    if (isFit || e.button !== 0 || (e.target as Element).closest("a")) return;
    const box = e.currentTarget.getBoundingClientRect();
    drag.current = { x: e.clientX, y: e.clientY, view, scale: Math.max(view.w / box.width, view.h / box.height) };
    e.currentTarget.setPointerCapture(e.pointerId);
  }
  function onPointerMove(e: PointerEvent<SVGSVGElement>) {
    if (connecting) {
      setConnecting({ ...connecting, ...mapPoint(e), moved: true });
      return;
    }
    const d = drag.current;
    if (!d) return;
    setView(
      clamped({ ...d.view, x: d.view.x - (e.clientX - d.x) * d.scale, y: d.view.y - (e.clientY - d.y) * d.scale }, map),
    );
  }

  /** Dropped on another node: a new choice connects them; released where it started: the node is selected. */
  function onPointerUp(e: PointerEvent<SVGSVGElement>) {
    drag.current = null;
    if (!connecting || !editing) return;
    setConnecting(null);
    const to = nodeAt(document.elementFromPoint(e.clientX, e.clientY));
    if (to && to !== connecting.from) editing.onConnect(connecting.from, to);
    else if (!connecting.moved || to === connecting.from) editing.onSelect(connecting.from);
  }

  /** The pointer's position in the map's coordinates. */
  function mapPoint(e: PointerEvent<SVGSVGElement>): { x: number; y: number } {
    const matrix = e.currentTarget.getScreenCTM();
    if (!matrix) return { x: 0, y: 0 };
    const point = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }

  /** A node reached by Tab is brought into view. */
  function reveal(n: MapNode) {
    setView((v) =>
      n.x >= v.x && n.x + NODE_W <= v.x + v.w && n.y >= v.y && n.y + NODE_H <= v.y + v.h
        ? v
        : centredOn(v, n.x + NODE_W / 2, n.y + NODE_H / 2, map),
    );
  }

  return (
    <figure className="scenario-map">
      <div className="scenario-map__tools" role="toolbar" aria-label="Map view">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setView((v) => zoomed(v, 0.8, map))}
          aria-keyshortcuts="+"
        >
          Zoom in
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setView((v) => zoomed(v, 1.25, map))}
          disabled={isFit}
          aria-keyshortcuts="-"
        >
          Zoom out
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setView(fitted(map))}
          disabled={isFit}
          aria-keyshortcuts="0"
        >
          Fit the whole map
        </button>
        <span className="muted" role="status" data-testid="map-zoom">
          {isFit ? "Whole map shown" : `Zoom ${zoom}%`}
        </span>
      </div>
      <div className="scenario-map__frame">
        {/* The view takes focus: arrow keys pan, + and − zoom, 0 fits the whole map. */}
        <div
          className="scenario-map__view"
          tabIndex={0}
          role="region"
          onKeyDown={onKeyDown}
          aria-label="Scenario map: arrow keys move the view, plus and minus zoom, zero shows the whole map"
        >
          <svg
            viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
            preserveAspectRatio="xMidYMid meet"
            role={nodeHref || editing ? "group" : "img"}
            aria-labelledby="map-title"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => {
              drag.current = null;
              setConnecting(null);
            }}
            data-view={`${Math.round(view.x)} ${Math.round(view.y)} ${Math.round(view.w)} ${Math.round(view.h)}`}
          >
            <title id="map-title">
              Map of the scenario: {map.nodes.length} nodes and {map.edges.length} arrows
            </title>
            <defs>
              <marker
                id="arrow"
                viewBox="0 0 10 10"
                refX="10"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" className="map-arrowhead" />
              </marker>
            </defs>
            <MapEdges map={map} />
            {map.nodes.map((n) => {
              const box = <NodeBox node={n} map={map} flagged={flagged.includes(n.id)} selected={selected === n.id} />;
              if (editing)
                return (
                  <EditableNode
                    key={n.id}
                    node={n}
                    selected={selected === n.id}
                    editing={editing}
                    onFocus={() => reveal(n)}
                  >
                    {box}
                  </EditableNode>
                );
              return nodeHref ? (
                <a key={n.id} href={nodeHref(n.id)} aria-label={`${n.label} (node ${n.id})`} onFocus={() => reveal(n)}>
                  {box}
                </a>
              ) : (
                <g key={n.id}>{box}</g>
              );
            })}
            {connecting && connecting.moved ? <ConnectingLine map={map} connecting={connecting} /> : null}
          </svg>
        </div>
        <Minimap
          map={map}
          view={view}
          onMove={(cx, cy) => setView((v) => centredOn(v, cx, cy, map))}
          onKeyDown={onKeyDown}
        />
      </div>
      <figcaption className="muted">
        Boxes are nodes (rounded: endings), named by their title or the first words of their narration; arrows are
        choices. Dashed arrows are critical errors (nodes with one show “!”); dotted arrows depend on a condition. Nodes
        marked UNREACHABLE or PROBLEM need attention.
      </figcaption>
    </figure>
  );
}

/** A node in the editor: Enter or Space selects it (the drag to connect has a keyboard way in the side panel). */
function EditableNode({
  node,
  selected,
  editing,
  onFocus,
  children,
}: {
  node: MapNode;
  selected: boolean;
  editing: MapEditing;
  onFocus: () => void;
  children: ReactNode;
}) {
  return (
    <g
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`Edit ${node.label} (node ${node.id})`}
      className="map-node-button"
      onFocus={onFocus}
      onKeyDown={(e) => {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        editing.onSelect(node.id);
      }}
    >
      {children}
    </g>
  );
}

function ConnectingLine({ map, connecting }: { map: ScenarioMap; connecting: Connecting }) {
  const from = map.nodes.find((n) => n.id === connecting.from);
  if (!from) return null;
  return (
    <line
      x1={from.x + NODE_W}
      y1={from.y + NODE_H / 2}
      x2={connecting.x}
      y2={connecting.y}
      className="map-edge map-edge--connecting"
      markerEnd="url(#arrow)"
    />
  );
}

/** The node id under a pointer, if any. */
function nodeAt(target: EventTarget | null): string | null {
  return target instanceof Element ? (target.closest("[data-node]")?.getAttribute("data-node") ?? null) : null;
}

function MapEdges({ map }: { map: ScenarioMap }) {
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  return (
    <>
      {map.edges.map((e) => {
        const a = byId.get(e.from);
        const b = byId.get(e.to);
        if (!a || !b) return null;
        const x1 = a.x + NODE_W;
        const y1 = a.y + NODE_H / 2;
        const x2 = b.x;
        const y2 = b.y + NODE_H / 2;
        const d =
          x2 <= x1
            ? `M ${x1} ${y1} C ${x1 + 60} ${y1 - 60}, ${x2 - 60} ${y2 - 60}, ${x2} ${y2}`
            : `M ${x1} ${y1} C ${(x1 + x2) / 2} ${y1}, ${(x1 + x2) / 2} ${y2}, ${x2} ${y2}`;
        return (
          <path
            key={e.id}
            d={d}
            className={`map-edge${e.critical ? " map-edge--critical" : ""}${e.conditional ? " map-edge--conditional" : ""}`}
            markerEnd="url(#arrow)"
          >
            <title>{`${a.label} → ${b.label} by "${e.choiceId}"${e.critical ? " (critical error)" : ""}${e.conditional ? ` if ${e.conditional}` : ""}`}</title>
          </path>
        );
      })}
    </>
  );
}

function NodeBox({
  node: n,
  map,
  flagged,
  selected,
}: {
  node: MapNode;
  map: ScenarioMap;
  flagged: boolean;
  selected: boolean;
}) {
  const criticalOut = map.edges.some((e) => e.from === n.id && e.critical);
  return (
    <g
      className={`map-node map-node--${n.kind}${n.success === false ? " map-node--fail" : ""}${n.unreachable || flagged ? " map-node--flagged" : ""}${selected ? " map-node--selected" : ""}`}
      data-node={n.id}
    >
      <title>{`${n.label} (${n.id})`}</title>
      <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={n.kind === "ending" ? 20 : 6} />
      <text x={n.x + 10} y={n.y + 18}>
        {n.label.length > 22 ? `${n.label.slice(0, 21)}…` : n.label}
      </text>
      <text x={n.x + 10} y={n.y + 35} className="map-node__kind">
        {n.kind === "ending"
          ? n.success
            ? "ending: can pass"
            : "ending: fails"
          : n.kind === "start"
            ? "start"
            : "decision"}
        {n.unreachable ? " · UNREACHABLE" : flagged ? " · PROBLEM" : ""}
        {criticalOut ? " · !" : ""}
      </text>
    </g>
  );
}

/** The whole map in small, with the part shown outlined: a click or the arrow keys move the view. */
function Minimap({
  map,
  view,
  onMove,
  onKeyDown,
}: {
  map: ScenarioMap;
  view: View;
  onMove: (cx: number, cy: number) => void;
  onKeyDown: (e: KeyboardEvent) => void;
}) {
  function onClick(e: PointerEvent<SVGSVGElement>) {
    const box = e.currentTarget.getBoundingClientRect();
    const scale = Math.max(map.width / box.width, map.height / box.height);
    const offsetX = (box.width * scale - map.width) / 2;
    const offsetY = (box.height * scale - map.height) / 2;
    onMove((e.clientX - box.left) * scale - offsetX, (e.clientY - box.top) * scale - offsetY);
  }
  return (
    <div
      className="scenario-map__minimap"
      tabIndex={0}
      role="region"
      aria-label="Minimap: the outlined box is the part of the map shown; arrow keys move it"
      onKeyDown={onKeyDown}
    >
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        preserveAspectRatio="xMidYMid meet"
        aria-hidden="true"
        onPointerDown={onClick}
      >
        {map.nodes.map((n) => (
          <rect
            key={n.id}
            x={n.x}
            y={n.y}
            width={NODE_W}
            height={NODE_H}
            className={`minimap-node minimap-node--${n.kind}`}
          />
        ))}
        <rect
          x={view.x}
          y={view.y}
          width={view.w}
          height={view.h}
          className="minimap-view"
          data-testid="minimap-view"
        />
      </svg>
    </div>
  );
}
