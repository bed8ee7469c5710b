"use client";

import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { cn } from "@/app/_lib/cn";
import type { Diagnostic } from "@/engine-runtime/compiler";
import type { PortSpec } from "@/nodes/core/define";
import type { GraphNode } from "@/nodes/core/graph";
import { PORT_TYPE_COLOURS, PORT_TYPE_LABELS } from "@/nodes/core/ports";
import { CATEGORY_STYLE } from "./categories";
import { definitionOf } from "./graph-ops";
import { paramSummary } from "./param-fields";

export interface StrataNodeData extends Record<string, unknown> {
  node: GraphNode;
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  problems: readonly Diagnostic[];
}

export type StrataFlowNode = Node<StrataNodeData, "strata">;

/** One node on the canvas: a card with its title, main settings, typed ports and problems. */
export const StrataNode = memo(function StrataNode({ data, selected }: NodeProps<StrataFlowNode>) {
  const { node, inputs, outputs, problems } = data;
  const definition = definitionOf(node.type);
  const style = definition ? CATEGORY_STYLE[definition.category] : CATEGORY_STYLE.custom;
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warning");
  const rows = Math.max(inputs.length, outputs.length);
  const summary = definition ? paramSummary(definition, node.params) : "";
  const portProblem = (port: string) => problems.find((p) => p.port === port && p.severity === "error");

  return (
    <div
      className={cn(
        "group w-[216px] rounded-lg border bg-card shadow-sm transition-shadow",
        selected ? "border-primary shadow-md ring-2 ring-primary/30" : "border-border hover:shadow-md",
        errors.length > 0 && !selected && "border-destructive/60",
      )}
      data-testid="canvas-node"
    >
      <div
        className="flex items-center gap-2 rounded-t-lg border-b border-border px-3 py-2"
        style={{ background: `color-mix(in srgb, ${style.colour} 10%, transparent)` }}
      >
        <span
          className="flex size-5 shrink-0 items-center justify-center rounded text-[11px] text-white"
          style={{ background: style.colour }}
          aria-hidden="true"
        >
          {style.glyph}
        </span>
        <div className="min-w-0 flex-1">
          <div className="truncate text-[13px] font-semibold leading-tight" data-testid="node-title">
            {node.label ?? definition?.title ?? node.type}
          </div>
          <div className="truncate text-[10.5px] leading-tight text-muted-foreground">
            {node.label ? `${definition?.title ?? node.type} · ` : ""}
            {node.id}
          </div>
        </div>
        {errors.length > 0 ? (
          <span
            className="flex h-5 min-w-5 items-center justify-center rounded-full bg-destructive px-1 text-[11px] font-semibold text-white"
            title={errors.map((p) => p.message).join("\n")}
            data-testid="node-error-badge"
          >
            {errors.length}
          </span>
        ) : warnings.length > 0 ? (
          <span
            className="flex h-5 min-w-5 items-center justify-center rounded-full bg-amber-500 px-1 text-[11px] font-semibold text-white"
            title={warnings.map((p) => p.message).join("\n")}
          >
            !
          </span>
        ) : null}
      </div>
      {summary && (
        <div className="truncate border-b border-border px-3 py-1 font-mono text-[10.5px] text-muted-foreground">
          {summary}
        </div>
      )}
      <div className="py-1.5">
        {Array.from({ length: rows }, (_, i) => (
          <div
            key={`${inputs[i]?.name}-${outputs[i]?.name}`}
            className="relative flex h-6 items-center justify-between gap-2 px-3 text-[11.5px]"
          >
            {inputs[i] ? (
              <PortLabel port={inputs[i]} side="in" problem={portProblem(inputs[i].name)} />
            ) : (
              <span />
            )}
            {outputs[i] ? <PortLabel port={outputs[i]} side="out" /> : <span />}
          </div>
        ))}
      </div>
    </div>
  );
});

function PortLabel({ port, side, problem }: { port: PortSpec; side: "in" | "out"; problem?: Diagnostic }) {
  const colour = PORT_TYPE_COLOURS[port.type];
  return (
    <>
      <span
        className={cn(
          "truncate",
          side === "out" && "ml-auto text-right",
          problem ? "font-medium text-destructive" : "text-muted-foreground",
          port.optional && !problem && "italic opacity-80",
        )}
        title={`${port.label}: ${PORT_TYPE_LABELS[port.type]}${port.optional ? " (optional)" : ""}${port.description ? `. ${port.description}` : ""}${problem ? `\n${problem.message}` : ""}`}
      >
        {port.label}
      </span>
      <Handle
        id={port.name}
        type={side === "in" ? "target" : "source"}
        position={side === "in" ? Position.Left : Position.Right}
        className={cn("strata-handle", problem && "strata-handle-error")}
        style={{ background: colour, ...(side === "in" ? { left: -5 } : { right: -5 }) }}
        aria-label={`${side === "in" ? "Input" : "Output"} ${port.label} (${PORT_TYPE_LABELS[port.type]})`}
      />
    </>
  );
}
