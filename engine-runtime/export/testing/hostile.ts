import type { Graph } from "@/nodes/core/graph";

/** User strings that break naive code generation in at least one target. */
export const NASTY = [
  "*/ process.exit(1) /*",
  '"""; import os; os.system("echo pwned") #',
  "line one\nprocess.exit(3)\n# end",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the attack being tested
  "`${process.exit(4)}`",
  "\u2028process.exit(5)\u2029",
  "#!/bin/sh\r\n// \\u0022 \\",
  "'; DROP TABLE --",
  "\u202Eevil\u202C 🚀 \ud800 é",
];

/** A starter with every user string replaced by hostile text: name, description, labels, ids. */
export function hostile(graph: Graph, nasty: string): Graph {
  const copy = structuredClone(graph);
  copy.meta = { ...copy.meta, name: `${nasty} name`, description: `${nasty} description ${nasty}` };
  const ids = new Map(copy.nodes.map((node, k) => [node.id, `${nasty}-${k}`]));
  for (const node of copy.nodes) {
    node.label = `${nasty} label`;
    node.id = ids.get(node.id)!;
  }
  for (const edge of copy.edges) {
    edge.source = ids.get(edge.source)!;
    edge.target = ids.get(edge.target)!;
  }
  return copy;
}
