import { catalogue } from "@/nodes/catalogue";
import type { Graph } from "@/nodes/core/graph";

const NODE_WIDTH = 190;
const NODE_HEIGHT = 54;
const MARGIN = 16;

const CATEGORY_COLOURS: Record<string, string> = {
  data: "#0ea5e9",
  indicators: "#8b5cf6",
  math: "#64748b",
  logic: "#f59e0b",
  patterns: "#ec4899",
  orders: "#12a150",
  risk: "#d92d20",
  custom: "#0f766e",
};

/** A read-only drawing of a strategy graph: nodes where the author placed them, edges as curves. */
export function GraphView({ graph }: { graph: Graph }) {
  if (graph.nodes.length === 0) {
    return <p className="p-6 text-center text-sm text-muted-foreground">This strategy has no nodes.</p>;
  }
  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs) - MARGIN;
  const minY = Math.min(...ys) - MARGIN;
  const width = Math.max(...xs) - minX + NODE_WIDTH + MARGIN;
  const height = Math.max(...ys) - minY + NODE_HEIGHT + MARGIN;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return (
    <svg
      viewBox={`${minX} ${minY} ${width} ${height}`}
      className="w-full"
      style={{ maxHeight: 480 }}
      role="img"
      aria-label={`Strategy graph with ${graph.nodes.length} nodes`}
    >
      {graph.edges.map((edge) => {
        const from = byId.get(edge.source);
        const to = byId.get(edge.target);
        if (!from || !to) return null;
        const x1 = from.position.x + NODE_WIDTH;
        const y1 = from.position.y + NODE_HEIGHT / 2;
        const x2 = to.position.x;
        const y2 = to.position.y + NODE_HEIGHT / 2;
        const bend = Math.max(40, Math.abs(x2 - x1) / 2);
        return (
          <path
            key={edge.id}
            d={`M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`}
            fill="none"
            stroke="var(--muted-foreground)"
            strokeOpacity={0.6}
            strokeWidth={1.5}
          >
            <title>{`${edge.source}.${edge.sourceHandle} → ${edge.target}.${edge.targetHandle}`}</title>
          </path>
        );
      })}
      {graph.nodes.map((node) => {
        const known = catalogue.has(node.type) ? catalogue.get(node.type) : undefined;
        const colour = CATEGORY_COLOURS[known?.category ?? "custom"] ?? "#64748b";
        const params = Object.entries(node.params ?? {})
          .filter(([, v]) => typeof v === "number" || (typeof v === "string" && v !== ""))
          .map(([k, v]) => `${k} ${v}`)
          .join(", ");
        return (
          <g key={node.id} transform={`translate(${node.position.x},${node.position.y})`}>
            <rect
              width={NODE_WIDTH}
              height={NODE_HEIGHT}
              rx={8}
              fill="var(--card)"
              stroke={colour}
              strokeWidth={1.5}
            />
            <rect width={5} height={NODE_HEIGHT} rx={2} fill={colour} />
            <text x={14} y={22} fontSize={13} fontWeight={600} fill="var(--foreground)">
              {truncate(node.label ?? known?.title ?? node.type, 24)}
            </text>
            <text x={14} y={40} fontSize={11} fill="var(--muted-foreground)">
              {truncate(params || (known?.title ?? node.type), 28)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
