import type { Expansion } from "@/nodes/core/define";
import { columnsOf } from "@/nodes/core/ports";
import type { Registry } from "@/nodes/core/registry";

/**
 * Test support: runs an expansion's inner graph over columns in node order (which the expansion
 * guarantees is topological), feeding `bars` (six columns) to the price feed and the bars input,
 * and `series` to x, y, z. Returns the formula's value column.
 */
export function runExpansion(
  expansion: Expansion,
  registry: Registry,
  bars: readonly Float64Array[],
  series: Readonly<Record<string, Float64Array>> = {},
): Float64Array {
  const length = bars[0].length;
  const outputs = new Map<string, Float64Array[]>();
  const given: Record<string, readonly Float64Array[]> = { bars };
  for (const [name, column] of Object.entries(series)) given[name] = [column];
  for (const node of expansion.nodes) {
    const definition = registry.get(node.type);
    if (node.type === "data.priceFeed") {
      outputs.set(node.id, [...bars]);
      continue;
    }
    const inputs: Float64Array[] = [];
    for (const port of definition.inputs) {
      const edge = expansion.edges.find((e) => e.target === node.id && e.targetHandle === port.name);
      const forwarded = Object.entries(expansion.inputs).find(([, targets]) =>
        targets.some((t) => t.node === node.id && t.port === port.name),
      );
      if (edge) {
        const sourceDefinition = registry.get(expansion.nodes.find((n) => n.id === edge.source)!.type);
        const offset = sourceDefinition.outputs
          .slice(
            0,
            sourceDefinition.outputs.findIndex((p) => p.name === edge.sourceHandle),
          )
          .reduce((n, p) => n + columnsOf(p.type), 0);
        const width = columnsOf(port.type);
        inputs.push(...outputs.get(edge.source)!.slice(offset, offset + width));
      } else if (forwarded) {
        inputs.push(...given[forwarded[0]]);
      } else {
        throw new Error(`${node.id}.${port.name} is not connected`);
      }
    }
    const width = definition.outputs.reduce((n, p) => n + columnsOf(p.type), 0);
    const columns = Array.from({ length: width }, () => new Float64Array(length));
    definition.kernel!(definition.params.parse(node.params), { start: 0 }).run(inputs, columns, 0, length);
    outputs.set(node.id, columns);
  }
  const { node, port } = expansion.outputs.value;
  const definition = registry.get(expansion.nodes.find((n) => n.id === node)!.type);
  return outputs.get(node)![definition.outputs.findIndex((p) => p.name === port)];
}
