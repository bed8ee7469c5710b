import { z } from "zod";

/**
 * The graph: what the user drew, saved with every strategy version.
 * Versioned; older versions are migrated forward by migrateGraph (compiler side), never rejected.
 */
export const GRAPH_VERSION = 1;

export const graphNodeSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  typeVersion: z.number().int().positive().default(1),
  params: z.record(z.string(), z.unknown()).default({}),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  /** A name the user gave this node; shown on the canvas, in charts and in exported comments. */
  label: z.string().max(200).optional(),
});

export const graphEdgeSchema = z.object({
  id: z.string().min(1).max(200),
  source: z.string().min(1),
  sourceHandle: z.string().min(1),
  target: z.string().min(1),
  targetHandle: z.string().min(1),
});

export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

/**
 * A custom block: a group of nodes saved with exposed inputs, outputs and params, used as one node
 * of type `custom.block` whose `block` param names it. Its inner graph is inlined by the compiler.
 */
export interface CustomBlock {
  title: string;
  description?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Each exposed input is forwarded to one inner node's input port. */
  inputs: { name: string; label: string; node: string; port: string }[];
  outputs: { name: string; label: string; node: string; port: string }[];
  /** Each exposed param sets one inner node's param. */
  params: { name: string; label: string; node: string; param: string }[];
}

export const customBlockSchema: z.ZodType<CustomBlock> = z.object({
  title: z.string().min(1).max(200),
  description: z.string().max(5000).optional(),
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
  inputs: z.array(z.object({ name: z.string(), label: z.string(), node: z.string(), port: z.string() })),
  outputs: z.array(z.object({ name: z.string(), label: z.string(), node: z.string(), port: z.string() })),
  params: z.array(z.object({ name: z.string(), label: z.string(), node: z.string(), param: z.string() })),
}) as z.ZodType<CustomBlock>;

export const graphSchema = z.object({
  version: z.literal(GRAPH_VERSION),
  nodes: z.array(graphNodeSchema).max(20_000),
  edges: z.array(graphEdgeSchema).max(50_000),
  /** Custom blocks defined in this graph, by block id. */
  blocks: z.record(z.string(), customBlockSchema).default({}),
  meta: z
    .object({
      name: z.string().max(200).optional(),
      description: z.string().max(20_000).optional(),
    })
    .catchall(z.unknown())
    .default({}),
});
export type Graph = z.infer<typeof graphSchema>;

export function emptyGraph(): Graph {
  return { version: GRAPH_VERSION, nodes: [], edges: [], blocks: {}, meta: {} };
}
