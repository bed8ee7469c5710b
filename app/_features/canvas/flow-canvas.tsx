"use client";

import {
  Background,
  BackgroundVariant,
  Controls,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type Connection as FlowConnection,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useConnection,
  useReactFlow,
  ViewportPortal,
} from "@xyflow/react";
import { type DragEvent, type MouseEvent, memo, useCallback, useMemo, useRef, useState } from "react";
import { useToast } from "@/app/_components/ui/toast";
import type { Diagnostic } from "@/engine-runtime/compiler";
import type { GraphNode } from "@/nodes/core/graph";
import { PORT_TYPE_COLOURS } from "@/nodes/core/ports";
import { CATEGORY_STYLE } from "./categories";
import {
  addNode,
  type Connection,
  connect,
  definitionOf,
  judgeEdge,
  moveNodes,
  portsOf,
  removeItems,
} from "./graph-ops";
import { type EditorStore, useEditorState } from "./store";
import { type StrataFlowNode, StrataNode } from "./strata-node";

/** Built once, as React Flow asks: a new object each render would remount every node. */
const nodeTypes = { strata: StrataNode };

export const PALETTE_MIME = "application/x-strata-node";
const NO_PROBLEMS: readonly Diagnostic[] = [];

export const FlowCanvas = memo(function FlowCanvas({
  store,
  problemsByNode,
  onQuickAdd,
  colorMode,
}: {
  store: EditorStore;
  problemsByNode: ReadonlyMap<string, readonly Diagnostic[]>;
  /** Opens the quick-add search; `at` is where a new node goes, in flow coordinates. */
  onQuickAdd: (at: { x: number; y: number }) => void;
  colorMode: "light" | "dark";
}) {
  const graph = useEditorState(store, (s) => s.graph);
  const selectedNodes = useEditorState(store, (s) => s.selectedNodes);
  const selectedEdges = useEditorState(store, (s) => s.selectedEdges);
  const flow = useReactFlow();
  // Fitting the view on load helps a saved strategy; on an empty canvas it would zoom onto the first drop.
  const [fitOnLoad] = useState(() => graph.nodes.length > 0);
  const toast = useToast();
  const cache = useRef(new Map<string, { key: unknown[]; node: StrataFlowNode }>());
  // Sizes React Flow measured, handed back with each node so a changed node is not measured again.
  const measured = useRef(new Map<string, { width: number; height: number }>());
  const [measuredTick, setMeasuredTick] = useState(0);

  // Flow nodes are rebuilt only for graph nodes that changed, so memoised node cards skip rendering.
  // biome-ignore lint/correctness/useExhaustiveDependencies: measuredTick stands for the measured sizes, a map changed in place
  const nodes = useMemo(() => {
    const next = new Map<string, { key: unknown[]; node: StrataFlowNode }>();
    const list = graph.nodes.map((node) => {
      const problems = problemsByNode.get(node.id) ?? NO_PROBLEMS;
      const selected = selectedNodes.has(node.id);
      const block = node.type === "custom.block" ? graph.blocks[String(node.params.block)] : undefined;
      const size = measured.current.get(node.id);
      const key = [node, problems, selected, block, size];
      const old = cache.current.get(node.id);
      const flowNode = old?.key.every((part, i) => part === key[i])
        ? old.node
        : { ...toFlowNode(node, problems, selected, portsOf(node, graph.blocks)), measured: size };
      next.set(node.id, { key, node: flowNode });
      return flowNode;
    });
    cache.current = next;
    return list;
  }, [graph, problemsByNode, selectedNodes, measuredTick]);

  const edges = useMemo<Edge[]>(() => {
    return graph.edges.map((edge) => {
      const source = graph.nodes.find((node) => node.id === edge.source);
      const port = source && portsOf(source, graph.blocks).outputs.find((p) => p.name === edge.sourceHandle);
      const colour = port ? PORT_TYPE_COLOURS[port.type] : "#94a3b8";
      const selected = selectedEdges.has(edge.id);
      return {
        id: edge.id,
        source: edge.source,
        sourceHandle: edge.sourceHandle,
        target: edge.target,
        targetHandle: edge.targetHandle,
        selected,
        style: { stroke: colour, strokeWidth: selected ? 3 : 2, opacity: selected ? 1 : 0.85 },
      };
    });
  }, [graph, selectedEdges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StrataFlowNode>[]) => {
      const positions = new Map<string, { x: number; y: number }>();
      let selection: Set<string> | undefined;
      for (const change of changes) {
        if (change.type === "dimensions" && change.dimensions) {
          measured.current.set(change.id, change.dimensions);
          setMeasuredTick((tick) => tick + 1);
        } else if (change.type === "position" && change.position) {
          positions.set(change.id, { x: Math.round(change.position.x), y: Math.round(change.position.y) });
        } else if (change.type === "select") {
          selection ??= new Set(store.get().selectedNodes);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      if (positions.size > 0) store.update(moveNodes(store.get().graph, positions));
      if (selection) store.select(selection, store.get().selectedEdges);
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let selection: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== "select") continue;
        selection ??= new Set(store.get().selectedEdges);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      if (selection) store.select(store.get().selectedNodes, selection);
    },
    [store],
  );

  const isValidConnection = useCallback(
    (connection: FlowConnection | Edge) => judgeEdge(store.get().graph, asConnection(connection)).ok,
    [store],
  );

  const onConnect = useCallback(
    (connection: FlowConnection) => {
      const graph = store.get().graph;
      if (judgeEdge(graph, asConnection(connection)).ok)
        store.commit(connect(graph, asConnection(connection)));
    },
    [store],
  );

  const onConnectEnd = useCallback(
    (_event: unknown, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
      const [from, to] =
        state.fromHandle.type === "source"
          ? [state.fromHandle, state.toHandle]
          : [state.toHandle, state.fromHandle];
      const verdict = judgeEdge(store.get().graph, {
        source: from.nodeId,
        sourceHandle: from.id ?? "",
        target: to.nodeId,
        targetHandle: to.id ?? "",
      });
      if (!verdict.ok) toast({ title: "Not connected", description: verdict.reason, tone: "error" });
    },
    [store, toast],
  );

  const onDelete = useCallback(
    ({ nodes, edges }: { nodes: StrataFlowNode[]; edges: Edge[] }) => {
      store.commit(
        removeItems(
          store.get().graph,
          nodes.map((n) => n.id),
          edges.map((e) => e.id),
        ),
      );
    },
    [store],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type || !definitionOf(type)) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const [graph, id] = addNode(store.get().graph, type, { x: at.x - 108, y: at.y - 30 });
      store.commit(graph, { nodes: [id] });
    },
    [flow, store],
  );

  const onDoubleClick = useCallback(
    (event: MouseEvent) => {
      if (!(event.target as HTMLElement).classList.contains("react-flow__pane")) return;
      onQuickAdd(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [flow, onQuickAdd],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; the keyboard path is the / key
    <div className="relative h-full w-full" onDoubleClick={onDoubleClick}>
      <ReactFlow<StrataFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={() => store.checkpoint()}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onDelete={onDelete}
        onDrop={onDrop}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "move";
        }}
        deleteKeyCode={["Delete", "Backspace"]}
        multiSelectionKeyCode={["Meta", "Control", "Shift"]}
        selectionKeyCode="Shift"
        zoomOnDoubleClick={false}
        colorMode={colorMode}
        minZoom={0.2}
        maxZoom={2}
        fitView={fitOnLoad}
        fitViewOptions={{ maxZoom: 1, padding: 0.25 }}
        proOptions={{ hideAttribution: true }}
        defaultEdgeOptions={{ type: "default" }}
        connectionRadius={28}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} />
        <MiniMap
          pannable
          zoomable
          className="!bg-card !border !border-border !rounded-lg overflow-hidden"
          nodeColor={(node) => {
            const definition = definitionOf((node.data as { node: GraphNode }).node.type);
            return definition ? CATEGORY_STYLE[definition.category].colour : "#94a3b8";
          }}
          nodeStrokeWidth={0}
          style={{ width: 168, height: 108 }}
          ariaLabel="Overview of the strategy"
        />
        <Controls showInteractive={false} className="!shadow-sm" />
        <ConnectionHint store={store} />
      </ReactFlow>
      {graph.nodes.length === 0 && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <div className="max-w-sm rounded-xl border border-dashed border-border bg-card/80 px-6 py-5 text-center shadow-sm backdrop-blur">
            <div className="text-sm font-medium" data-testid="empty-canvas-hint">
              Drag a Price node from the left, or press / to search
            </div>
            <div className="mt-1.5 text-xs text-muted-foreground">
              Then add indicators, conditions and an order. Results appear below as you build.
            </div>
          </div>
        </div>
      )}
    </div>
  );
});

function toFlowNode(
  node: GraphNode,
  problems: readonly Diagnostic[],
  selected: boolean,
  ports: ReturnType<typeof portsOf>,
): StrataFlowNode {
  return {
    id: node.id,
    type: "strata",
    ariaLabel: `${node.label ?? definitionOf(node.type)?.title ?? node.type} (${node.id})`,
    position: node.position,
    selected,
    data: { node, problems, inputs: ports.inputs, outputs: ports.outputs },
  };
}

function asConnection(connection: FlowConnection | Edge): Connection {
  return {
    source: connection.source,
    sourceHandle: connection.sourceHandle ?? "",
    target: connection.target,
    targetHandle: connection.targetHandle ?? "",
  };
}

/** While an edge is dragged over a port that refuses it, says why, next to the pointer. */
function ConnectionHint({ store }: { store: EditorStore }) {
  const connection = useConnection();
  if (!connection.inProgress || connection.isValid !== false || !connection.toHandle) return null;
  const [from, to] =
    connection.fromHandle.type === "source"
      ? [connection.fromHandle, connection.toHandle]
      : [connection.toHandle, connection.fromHandle];
  const verdict = judgeEdge(store.get().graph, {
    source: from.nodeId,
    sourceHandle: from.id ?? "",
    target: to.nodeId,
    targetHandle: to.id ?? "",
  });
  if (verdict.ok) return null;
  return (
    <ViewportPortal>
      <div
        role="tooltip"
        data-testid="connection-refused"
        className="pointer-events-none absolute z-50 w-64 rounded-md border border-destructive/40 bg-card px-3 py-2 text-xs text-destructive shadow-lg"
        style={{ transform: `translate(${connection.to.x + 14}px, ${connection.to.y + 14}px)` }}
      >
        {verdict.reason}
      </div>
    </ViewportPortal>
  );
}
