import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyGraph, type Graph } from "@/nodes/core/graph";
import { addNode } from "./graph-ops";
import { EditorStore } from "./store";

const withNodes = (count: number): Graph => {
  let graph = emptyGraph();
  for (let i = 0; i < count; i++) [graph] = addNode(graph, "indicators.sma", { x: i, y: 0 });
  return graph;
};

describe("undo and redo", () => {
  it("walks back through every edit and forward again, in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 12 }), (edits, undos) => {
        const store = new EditorStore(emptyGraph());
        const versions = [store.get().graph];
        for (let i = 1; i <= edits; i++) {
          store.commit(withNodes(i));
          versions.push(store.get().graph);
        }
        const steps = Math.min(undos, edits);
        for (let i = 0; i < steps; i++) store.undo();
        expect(store.get().graph, `after ${steps} undos the graph is the one ${steps} edits ago`).toBe(
          versions[edits - steps],
        );
        for (let i = 0; i < steps; i++) store.redo();
        expect(store.get().graph, "redoing every undo returns to the latest edit").toBe(versions[edits]);
      }),
    );
  });

  it("forgets the redo branch when a new edit is made after an undo", () => {
    const store = new EditorStore(emptyGraph());
    store.commit(withNodes(1));
    store.commit(withNodes(2));
    store.undo();
    store.commit(withNodes(3));
    store.redo();
    expect(store.get().graph.nodes, "redo has nothing to bring back after a new edit").toHaveLength(3);
  });

  it("undoes a whole drag in one step", () => {
    const store = new EditorStore(withNodes(1));
    const start = store.get().graph;
    store.checkpoint();
    for (let x = 1; x <= 5; x++) store.update(withNodes(1 + x));
    store.undo();
    expect(store.get().graph, "the drag's many position updates are one undo step").toBe(start);
  });

  it("drops selected ids of nodes an undo removes", () => {
    const store = new EditorStore(emptyGraph());
    const [graph, id] = addNode(emptyGraph(), "indicators.sma", { x: 0, y: 0 });
    store.commit(graph, { nodes: [id] });
    expect([...store.get().selectedNodes]).toEqual([id]);
    store.undo();
    expect(store.get().selectedNodes.size, "nothing stays selected that is not on the canvas").toBe(0);
  });
});
