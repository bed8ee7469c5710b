import type { KernelInstance, NodeDefinition } from "@/nodes/core/define";
import { columnsOf } from "@/nodes/core/ports";

/**
 * Test helper: runs one node's kernel over whole input columns (batch) or bar by bar (streaming)
 * with params parsed through the node's own schema, the way the executor does.
 */
export function runNode(
  definition: NodeDefinition,
  rawParams: Record<string, unknown>,
  inputs: readonly Float64Array[],
  options: { start?: number; streaming?: boolean } = {},
): Float64Array[] {
  const params = definition.params.parse(rawParams);
  const length = inputs[0]?.length ?? 0;
  const outputCount = definition.outputs.reduce((n, port) => n + columnsOf(port.type), 0);
  const outputs = Array.from({ length: outputCount }, () => new Float64Array(length));
  const instance: KernelInstance = definition.kernel!(params, { start: options.start ?? 0 });
  if (options.streaming) for (let i = 0; i < length; i++) instance.run(inputs, outputs, i, i + 1);
  else instance.run(inputs, outputs, 0, length);
  return outputs;
}
