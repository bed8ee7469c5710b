import { memo } from "react";
import { CATEGORY_STYLE } from "@/app/_features/canvas/categories";
import { catalogue } from "@/nodes/catalogue";
import type { Graph } from "@/nodes/core/graph";

/** A node's footprint in canvas units, close to how the editor draws it. */
const NODE_W = 200;
const NODE_H = 84;
const PAD = 24;

/**
 * A small picture of a strategy's graph: nodes coloured by category, wires between them, laid out
 * as they are on the canvas. Decorative: the card around it names the strategy in words.
 */
export const GraphThumbnail = memo(function GraphThumbnail({
  graph,
  className,
}: {
  graph: Graph;
  className?: string;
}) {
  if (graph.nodes.length === 0) return null;
  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs) - PAD;
  const minY = Math.min(...ys) - PAD;
  const width = Math.max(...xs) + NODE_W + PAD - minX;
  const height = Math.max(...ys) + NODE_H + PAD - minY;
  const at = new Map(graph.nodes.map((n) => [n.id, n.position]));
  const colour = (type: string) => {
    const found = catalogue.lookup(type);
    return found.ok ? CATEGORY_STYLE[found.definition.category].colour : "#94a3b8";
  };
  return (
    <svg
      viewBox={`${minX} ${minY} ${width} ${height}`}
      className={className}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
    >
      {graph.edges.map((e) => {
        const from = at.get(e.source);
        const to = at.get(e.target);
        if (!from || !to) return null;
        const x1 = from.x + NODE_W;
        const y1 = from.y + NODE_H / 2;
        const x2 = to.x;
        const y2 = to.y + NODE_H / 2;
        const bend = Math.max(40, (x2 - x1) / 2);
        return (
          <path
            key={e.id}
            d={`M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`}
            fill="none"
            stroke="currentColor"
            strokeOpacity={0.35}
            strokeWidth={6}
          />
        );
      })}
      {graph.nodes.map((n) => (
        <g key={n.id}>
          <rect
            x={n.position.x}
            y={n.position.y}
            width={NODE_W}
            height={NODE_H}
            rx={14}
            fill="var(--card)"
            stroke="currentColor"
            strokeOpacity={0.25}
            strokeWidth={4}
          />
          <rect x={n.position.x} y={n.position.y} width={NODE_W} height={18} rx={9} fill={colour(n.type)} />
          <rect
            x={n.position.x + 20}
            y={n.position.y + 42}
            width={NODE_W * 0.55}
            height={12}
            rx={6}
            fill="currentColor"
            fillOpacity={0.18}
          />
        </g>
      ))}
    </svg>
  );
});
