import type { BinaryOperator, FormulaNode } from "./parser";

/** Binding strength, loosest first; mirrors the parser's grammar. */
const PRECEDENCE: Record<BinaryOperator | "not" | "negate" | "atom", number> = {
  or: 1,
  and: 2,
  not: 3,
  ">": 4,
  ">=": 4,
  "<": 4,
  "<=": 4,
  "==": 4,
  "!=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  negate: 7,
  "^": 8,
  atom: 9,
};

function precedence(node: FormulaNode): number {
  if (node.kind === "binary") return PRECEDENCE[node.operator];
  if (node.kind === "unary") return node.operator === "not" ? PRECEDENCE.not : PRECEDENCE.negate;
  return PRECEDENCE.atom;
}

/** Writes a formula back as text with only the brackets its meaning needs. */
export function printFormula(node: FormulaNode): string {
  switch (node.kind) {
    case "number":
      return String(node.value);
    case "name":
      return node.name;
    case "call":
      return `${node.name}(${node.args.map(printFormula).join(", ")})`;
    case "unary":
      return node.operator === "not"
        ? `not ${operand(node.operand, PRECEDENCE.not)}`
        : `-${operand(node.operand, PRECEDENCE.negate)}`;
    case "binary": {
      const own = PRECEDENCE[node.operator];
      // Left-associative operators keep an equal-strength left side bare; ^ takes only an atom on
      // its left; comparisons do not chain, so an equal-strength side always needs brackets.
      const leftFloor = node.operator === "^" ? PRECEDENCE.atom : own === 4 ? own + 1 : own;
      const rightFloor = node.operator === "^" ? PRECEDENCE.negate : own + 1;
      return `${operand(node.left, leftFloor)} ${node.operator} ${operand(node.right, rightFloor)}`;
    }
  }
}

/** Brackets `node` when it binds more loosely than `floor`. */
function operand(node: FormulaNode, floor: number): string {
  const text = printFormula(node);
  return precedence(node) < floor ? `(${text})` : text;
}
