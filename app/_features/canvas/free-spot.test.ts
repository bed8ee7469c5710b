import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GraphNode } from "@/nodes/core/graph";
import { freeSpot } from "./free-spot";

const at = (x: number, y: number): GraphNode => ({
  id: `n${x},${y}`,
  type: "indicators.sma",
  typeVersion: 1,
  params: {},
  position: { x, y },
});

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < 216 + 24 && Math.abs(a.y - b.y) < 140 + 24;

describe("freeSpot", () => {
  it("keeps the wanted place when it is free", () => {
    expect(freeSpot([at(1000, 1000)], 0, 0), "nothing stands near the origin").toEqual({ x: 0, y: 0 });
  });

  it("steps aside from a node standing on the wanted place, to the nearest free place", () => {
    const spot = freeSpot([at(0, 0)], 0, 0);
    expect(overlaps(spot, { x: 0, y: 0 }), `the new node at ${JSON.stringify(spot)} clears the old one`).toBe(
      false,
    );
    expect(Math.hypot(spot.x, spot.y), "and it is the nearest ring that clears it").toBeLessThanOrEqual(
      Math.hypot(5 * 48, 5 * 48),
    );
  });

  it("never covers a node when a free place is within reach (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ x: fc.integer({ min: -600, max: 600 }), y: fc.integer({ min: -600, max: 600 }) }),
          {
            maxLength: 8,
          },
        ),
        fc.integer({ min: -300, max: 300 }),
        fc.integer({ min: -300, max: 300 }),
        (places, x, y) => {
          const spot = freeSpot(
            places.map((p) => at(p.x, p.y)),
            x,
            y,
          );
          for (const p of places) expect(overlaps(spot, p), `clear of the node at ${p.x},${p.y}`).toBe(false);
        },
      ),
    );
  });
});
