import { z } from "zod";
import { defineNode, type ExpandResult, type PortSpec } from "@/nodes/core/define";
import type { CustomBlock } from "@/nodes/core/graph";
import { closeMatches } from "@/nodes/core/registry";

/**
 * A node's ports are static, a block's are not: a block node carries four generic inputs and
 * outputs, and a block's exposed inputs and outputs take them in the order the block lists them.
 */
export const BLOCK_PORTS = 4;

const ports = (prefix: "in" | "out", label: string): PortSpec[] =>
  Array.from({ length: BLOCK_PORTS }, (_, i) => ({
    name: `${prefix}${i + 1}`,
    type: "series",
    label: `${label} ${i + 1}`,
    ...(prefix === "in" ? { optional: true } : {}),
    description: `The block's ${i + 1}${["st", "nd", "rd", "th"][i]} exposed ${prefix === "in" ? "input" : "output"}.`,
  }));

export const block = defineNode({
  type: "custom.block",
  version: 1,
  title: "Custom Block",
  category: "custom",
  description:
    "A group of nodes saved as one, with the inputs, outputs and settings its author exposed. The block's exposed inputs take In 1 to In 4 and its outputs Out 1 to Out 4, in the order the block lists them; a block exposes at most four of each, and they carry number or true/false series (not price bars or orders).",
  inputs: ports("in", "In"),
  outputs: ports("out", "Out"),
  params: z.object({
    block: z
      .string({ error: "Choose a custom block." })
      .min(1, "Choose a custom block.")
      .describe("Which of this strategy's custom blocks the node runs."),
    values: z
      .record(z.string(), z.union([z.number(), z.string(), z.boolean()]))
      .default({})
      .describe(
        "Values for the block's exposed settings, by setting name; unset ones keep the block's own value.",
      ),
  }),
  warmup: () => 0,
  expand: ({ block: id, values }, { blocks }) => {
    const found = Object.hasOwn(blocks, id) ? blocks[id] : undefined;
    if (!found) {
      const [best] = closeMatches(id, Object.keys(blocks), 1);
      const hint = best ? ` Did you mean "${best}"?` : " Pick one of this strategy's blocks.";
      return {
        ok: false,
        param: "block",
        message: `There is no custom block "${id}" in this strategy.${hint}`,
      };
    }
    return expandBlock(id, found, values);
  },
});

function expandBlock(id: string, block: CustomBlock, values: Record<string, unknown>): ExpandResult {
  const title = `Custom block "${block.title}"`;
  for (const [side, list] of [
    ["inputs", block.inputs],
    ["outputs", block.outputs],
  ] as const) {
    if (list.length > BLOCK_PORTS) {
      return {
        ok: false,
        param: "block",
        message: `${title} exposes ${list.length} ${side}; a block node carries at most ${BLOCK_PORTS}.`,
      };
    }
  }
  const nodes = new Map(block.nodes.map((node) => [node.id, { ...node, params: { ...node.params } }]));
  for (const node of nodes.values()) {
    if (node.type === "custom.block" && node.params.block === id) {
      return {
        ok: false,
        param: "block",
        message: `${title} contains itself (node "${node.id}"); a block cannot nest in itself.`,
      };
    }
  }
  const missing = [...block.inputs, ...block.outputs, ...block.params].find(
    (exposed) => !nodes.has(exposed.node),
  );
  if (missing) {
    return {
      ok: false,
      param: "block",
      message: `${title} exposes "${missing.name}" from node "${missing.node}", which is not in the block.`,
    };
  }
  for (const [name, value] of Object.entries(values)) {
    const exposed = block.params.filter((param) => param.name === name);
    if (exposed.length === 0) {
      const known = block.params.map((param) => `"${param.name}"`).join(", ") || "none";
      return {
        ok: false,
        param: "values",
        message: `${title} has no setting "${name}"; its settings are: ${known}.`,
      };
    }
    for (const param of exposed) nodes.get(param.node)!.params[param.param] = value;
  }
  return {
    ok: true,
    expansion: {
      nodes: [...nodes.values()],
      edges: block.edges.map((edge) => ({ ...edge })),
      inputs: Object.fromEntries(
        block.inputs.map((input, i) => [`in${i + 1}`, [{ node: input.node, port: input.port }]]),
      ),
      outputs: Object.fromEntries(
        block.outputs.map((output, i) => [`out${i + 1}`, { node: output.node, port: output.port }]),
      ),
    },
  };
}
