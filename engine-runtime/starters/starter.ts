import type { Graph } from "@/nodes/core/graph";

/** A ready-made strategy a trader can start from; its graph is copied into their new strategy. */
export interface Starter {
  /** Stable id, used in URLs and by `strategies.create({ starter })`. */
  id: string;
  name: string;
  description: string;
  tags: string[];
  graph: Graph;
}
