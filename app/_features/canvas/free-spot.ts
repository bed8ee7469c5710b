import type { GraphNode } from "@/nodes/core/graph";

/** A node's footprint on the canvas, generously: most nodes are 216 px wide and under 140 px tall. */
const WIDTH = 216;
const HEIGHT = 140;
const GAP = 24;
/** How far apart the places tried are, and how many rings of them before giving up. */
const STEP = 48;
const RINGS = 24;

/**
 * The top-left corner nearest (x, y) where a new node covers no other: a node added where others
 * stand would hide them, and its handles would touch theirs. Rings of places around the wanted one
 * are tried, nearest first; a canvas too crowded for all of them gets the wanted place itself.
 */
export function freeSpot(nodes: readonly GraphNode[], x: number, y: number): { x: number; y: number } {
  const free = (px: number, py: number) =>
    nodes.every(
      (n) =>
        px + WIDTH + GAP <= n.position.x ||
        n.position.x + WIDTH + GAP <= px ||
        py + HEIGHT + GAP <= n.position.y ||
        n.position.y + HEIGHT + GAP <= py,
    );
  if (free(x, y)) return { x, y };
  for (let ring = 1; ring <= RINGS; ring++) {
    let best: { x: number; y: number; distance: number } | undefined;
    for (let dx = -ring; dx <= ring; dx++) {
      for (let dy = -ring; dy <= ring; dy++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const px = x + dx * STEP;
        const py = y + dy * STEP;
        const distance = Math.hypot(dx, dy);
        if ((!best || distance < best.distance) && free(px, py)) best = { x: px, y: py, distance };
      }
    }
    if (best) return { x: best.x, y: best.y };
  }
  return { x, y };
}
