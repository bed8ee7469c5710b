import type { Expansion, NodeDefinition, PortSpec } from "@/nodes/core/define";
import type { GraphEdge, GraphNode } from "@/nodes/core/graph";
import { judgeConnection, type PortType } from "@/nodes/core/ports";
import { closeMatches, type Registry } from "@/nodes/core/registry";
import { type BinaryOperator, FormulaError, type FormulaNode } from "./parser";

/** Prices a formula can name; each is read from the formula's bars. */
export const PRICE_NAMES = ["open", "high", "low", "close", "volume", "hl2", "hlc3", "ohlc4"] as const;
/** The formula node's own series inputs. */
export const INPUT_NAMES = ["x", "y", "z"] as const;

/** Operators are written with symbols but computed by the catalogue's math and logic nodes. */
export const OPERATOR_FUNCTIONS: Record<BinaryOperator, string> = {
  "+": "add",
  "-": "subtract",
  "*": "multiply",
  "/": "divide",
  "^": "pow",
  ">": "gt",
  ">=": "gte",
  "<": "lt",
  "<=": "lte",
  "==": "eq",
  "!=": "neq",
  and: "and",
  or: "or",
};

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set([">", ">=", "<", "<=", "==", "!="]);

/** Names traders write that the catalogue files under another formula name. */
const FUNCTION_ALIASES: ReadonlyMap<string, string> = new Map([["stdev", "rollingStdev"]]);

/** Where a value comes from: an inner node's output, or one of the formula node's own inputs. */
type NodeValue = { type: PortType; from: "node"; node: string; port: string };
type Value = NodeValue | { type: PortType; from: "input"; input: string };

type FieldPicker = {
  definition: NodeDefinition;
  params: Record<string, unknown>;
  input: PortSpec;
  output: PortSpec;
};

const functionTables = new WeakMap<Registry, ReadonlyMap<string, NodeDefinition>>();

/** Formula name → node, first by type when two nodes claim one name. */
export function formulaFunctions(registry: Registry): ReadonlyMap<string, NodeDefinition> {
  let table = functionTables.get(registry);
  if (!table) {
    const byName = new Map<string, NodeDefinition>();
    for (const definition of registry.definitions) {
      const name = definition.formula?.name;
      if (name && !byName.has(name)) byName.set(name, definition);
    }
    table = byName;
    functionTables.set(registry, table);
  }
  return table;
}

/**
 * Turns a parsed formula into the small graph that computes it. Inner node ids are `f1`, `f2`, …
 * in the order the values are needed, so every edge runs from a lower id to a higher one and the
 * result is a DAG by construction. Prices, constants and the price feed are created once each.
 */
export class FormulaExpander {
  readonly #nodes: GraphNode[] = [];
  readonly #edges: GraphEdge[] = [];
  readonly #inputs: Record<string, { node: string; port: string }[]> = {};
  readonly #functions: ReadonlyMap<string, NodeDefinition>;
  readonly #prices = new Map<string, Value>();
  readonly #constants = new Map<number, Value>();
  #bars: Value | undefined;

  constructor(
    readonly registry: Registry,
    /** The formula node's connected input ports; undefined counts every input as connected. */
    readonly connected?: readonly string[],
  ) {
    this.#functions = formulaFunctions(registry);
  }

  expand(ast: FormulaNode): Expansion {
    const value = this.#value(ast);
    // The formula's output must be an inner node's port, so a bare input is passed through × 1.
    const result =
      value.from === "node"
        ? value
        : this.#operator(
            "multiply",
            "*",
            [
              [value, ast.column],
              [this.#constant(1, ast.column), ast.column],
            ],
            ast.column,
          );
    return {
      nodes: this.#nodes,
      edges: this.#edges,
      // Every input is listed, so connecting one the formula does not use is harmless.
      inputs: { bars: [], x: [], y: [], z: [], ...this.#inputs },
      outputs: { value: { node: result.node, port: result.port } },
    };
  }

  #value(ast: FormulaNode): Value {
    switch (ast.kind) {
      case "number":
        return this.#constant(ast.value, ast.column);
      case "name":
        return this.#name(ast.name, ast.column);
      case "call":
        return this.#call(ast.name, ast.args, ast.column);
      case "unary":
        if (ast.operator === "not")
          return this.#operator("not", "not", [[this.#value(ast.operand), ast.operand.column]], ast.column);
        return this.#negate(ast.operand, ast.column);
      case "binary": {
        const left = this.#value(ast.left);
        const right = this.#value(ast.right);
        const operands: [Value, number][] = [
          [left, ast.left.column],
          [right, ast.right.column],
        ];
        const name = OPERATOR_FUNCTIONS[ast.operator];
        // A catalogue may compare with one Compare node whose `op` param is the operator itself.
        if (
          COMPARISON_OPERATORS.has(ast.operator) &&
          !this.#functions.has(name) &&
          this.#functions.has("compare")
        ) {
          return this.#operator("compare", ast.operator, operands, ast.column, { op: ast.operator });
        }
        return this.#operator(name, ast.operator, operands, ast.column);
      }
    }
  }

  #negate(operand: FormulaNode, column: number): Value {
    if (operand.kind === "number") return this.#constant(-operand.value, column);
    const value = this.#value(operand);
    if (this.#functions.has("negate"))
      return this.#operator("negate", "-", [[value, operand.column]], column);
    return this.#operator(
      "multiply",
      "-",
      [
        [this.#constant(-1, column), column],
        [value, operand.column],
      ],
      column,
    );
  }

  #name(name: string, column: number): Value {
    if ((PRICE_NAMES as readonly string[]).includes(name)) return this.#price(name, column);
    if ((INPUT_NAMES as readonly string[]).includes(name)) {
      if (!this.#isConnected(name)) {
        fail(`The formula uses ${name} at column ${column}, but the ${name} input is not connected.`, column);
      }
      return { from: "input", input: name, type: "series" };
    }
    const definition = this.#functions.get(name);
    if (definition) {
      fail(
        `"${name}" is a function at column ${column}: call it with its arguments, like ${usage(name, definition)}.`,
        column,
      );
    }
    fail(
      `Unknown name "${name}" at column ${column}.${suggest(name, [...PRICE_NAMES, ...INPUT_NAMES])}`,
      column,
    );
  }

  #call(name: string, args: FormulaNode[], column: number): NodeValue {
    const definition = this.#functions.get(name) ?? this.#functions.get(FUNCTION_ALIASES.get(name) ?? "");
    if (!definition?.formula) {
      if ((PRICE_NAMES as readonly string[]).includes(name))
        fail(`"${name}" is a price, not a function, at column ${column}.`, column);
      fail(
        `Unknown function "${name}" at column ${column}.${suggest(name, [...this.#functions.keys()])}`,
        column,
      );
    }
    const ports = definition.inputs.filter((port) => port.type !== "bars");
    const paramNames = definition.formula.params;
    const expected = ports.length + paramNames.length;
    if (args.length !== expected) {
      const plural = expected === 1 ? "argument" : "arguments";
      fail(
        `${name} needs ${expected} ${plural} (${argumentNames(definition).join(", ")}), got ${args.length} at column ${column}.`,
        column,
      );
    }
    const params: Record<string, number> = {};
    paramNames.forEach((param, k) => {
      const arg = args[ports.length + k];
      const literal = literalOf(arg);
      if (literal === undefined) {
        fail(
          `The ${param} of ${name} must be a number written out, like 20, at column ${arg.column}; it cannot be computed.`,
          arg.column,
        );
      }
      params[param] = literal;
    });
    const parsed = definition.params.safeParse(params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = String(issue.path[0] ?? "");
      const k = paramNames.indexOf(param);
      const at = k >= 0 ? args[ports.length + k].column : column;
      fail(
        `The ${param || "settings"} of ${name} at column ${at} is not valid: ${sentence(issue.message)}`,
        at,
      );
    }
    const values = ports.map((_, k) => this.#value(args[k]));
    const bars = this.#barsFor(definition, column);
    const node = this.#addNode(definition, params);
    ports.forEach((port, k) => {
      this.#connect(
        values[k],
        node,
        port,
        `Argument ${k + 1} of ${name} (${port.name}) at column ${args[k].column}`,
        args[k].column,
      );
    });
    this.#feedBars(definition, node, bars);
    return this.#output(definition, node, name, column);
  }

  /** Operators take no params; their operands fill the node's inputs in order. */
  #operator(
    functionName: string,
    symbol: string,
    operands: [Value, number][],
    column: number,
    params: Record<string, unknown> = {},
  ): NodeValue {
    const definition = this.#functions.get(functionName);
    const ports = definition?.inputs.filter((port) => port.type !== "bars") ?? [];
    if (!definition || ports.length < operands.length) {
      fail(
        `The "${symbol}" operator at column ${column} needs a node whose formula name is "${functionName}" with ${operands.length} input${operands.length === 1 ? "" : "s"}, and the catalogue has none.`,
        column,
      );
    }
    if (Object.keys(params).length > 0 && !definition.params.safeParse(params).success) {
      fail(
        `The "${symbol}" operator at column ${column} is not one the ${definition.title} node offers.`,
        column,
      );
    }
    const bars = this.#barsFor(definition, column);
    const node = this.#addNode(definition, params);
    operands.forEach(([value, at], k) => {
      const side = operands.length === 1 ? "The operand" : k === 0 ? "The left side" : "The right side";
      this.#connect(value, node, ports[k], `${side} of "${symbol}" at column ${at}`, at);
    });
    this.#feedBars(definition, node, bars);
    return this.#output(definition, node, symbol, column);
  }

  #price(name: string, column: number): Value {
    const known = this.#prices.get(name);
    if (known) return known;
    const picker = findFieldPicker(this.registry, name);
    if (!picker) {
      fail(
        `The formula reads ${name} at column ${column}, but the catalogue has no node that picks ${name} from price bars.`,
        column,
      );
    }
    const bars = this.#barsSource(column);
    const node = this.#addNode(picker.definition, picker.params);
    this.#connect(bars, node, picker.input, `The price bars for ${name}`, column);
    const value: Value = { from: "node", node, port: picker.output.name, type: picker.output.type };
    this.#prices.set(name, value);
    return value;
  }

  #constant(number: number, column: number): Value {
    const key = number === 0 ? 0 : number;
    const known = this.#constants.get(key);
    if (known) return known;
    const found = this.registry.lookup("data.constant");
    const definition = found.ok ? found.definition : undefined;
    const output = definition?.outputs[0];
    if (!definition || !output || !("value" in definition.params.shape)) {
      fail(
        `The number at column ${column} needs a Constant node (data.constant) with a value, and the catalogue has none.`,
        column,
      );
    }
    const parsed = definition.params.safeParse({ value: key });
    if (!parsed.success) {
      fail(
        `The number ${key} at column ${column} is not valid: ${sentence(parsed.error.issues[0].message)}`,
        column,
      );
    }
    const value: Value = {
      from: "node",
      node: this.#addNode(definition, { value: key }),
      port: output.name,
      type: output.type,
    };
    this.#constants.set(key, value);
    return value;
  }

  /** The formula's own bars when connected, else the run's instrument from a default price feed. */
  #barsSource(column: number): Value {
    if (this.#bars) return this.#bars;
    if (this.#isConnected("bars")) {
      this.#bars = { from: "input", input: "bars", type: "bars" };
      return this.#bars;
    }
    const found = this.registry.lookup("data.priceFeed");
    const port = found.ok ? found.definition.outputs.find((output) => output.type === "bars") : undefined;
    if (!found.ok || !port) {
      fail(
        `The formula reads prices at column ${column}, but the catalogue has no Price Feed node to read them from; connect the bars input.`,
        column,
      );
    }
    this.#bars = { from: "node", node: this.#addNode(found.definition, {}), port: port.name, type: "bars" };
    return this.#bars;
  }

  /**
   * Functions such as ATR read whole bars; those inputs are not written in the formula. The source
   * is found before the function's node is added, so the feed's id comes first and edges run forward.
   */
  #barsFor(definition: NodeDefinition, column: number): Value | undefined {
    return definition.inputs.some((port) => port.type === "bars") ? this.#barsSource(column) : undefined;
  }

  #feedBars(definition: NodeDefinition, node: string, bars: Value | undefined): void {
    for (const port of definition.inputs) {
      if (port.type === "bars" && bars) this.#wire(bars, node, port.name);
    }
  }

  #output(definition: NodeDefinition, node: string, name: string, column: number): NodeValue {
    const port = definition.outputs.find((output) => output.type !== "bars" && output.type !== "order");
    if (!port)
      fail(`${name} at column ${column} gives no number or true/false value a formula can use.`, column);
    return { from: "node", node, port: port.name, type: port.type };
  }

  #addNode(definition: NodeDefinition, params: Record<string, unknown>): string {
    const id = `f${this.#nodes.length + 1}`;
    this.#nodes.push({
      id,
      type: definition.type,
      typeVersion: definition.version,
      params,
      position: { x: 0, y: 0 },
    });
    return id;
  }

  #connect(value: Value, node: string, port: PortSpec, what: string, column: number): void {
    const verdict = judgeConnection(value.type, port.type);
    if (!verdict.ok) fail(`${what} cannot be used there: ${verdict.reason}`, column);
    this.#wire(value, node, port.name);
  }

  #wire(value: Value, node: string, port: string): void {
    if (value.from === "input") {
      this.#inputs[value.input] ??= [];
      this.#inputs[value.input].push({ node, port });
      return;
    }
    this.#edges.push({
      id: `e${this.#edges.length + 1}`,
      source: value.node,
      sourceHandle: value.port,
      target: node,
      targetHandle: port,
    });
  }

  #isConnected(input: string): boolean {
    return this.connected === undefined || this.connected.includes(input);
  }
}

function fail(message: string, column: number): never {
  throw new FormulaError(message, column);
}

/** A param argument: a number as written, possibly negative. */
function literalOf(arg: FormulaNode): number | undefined {
  if (arg.kind === "number") return arg.value;
  if (arg.kind === "unary" && arg.operator === "-" && arg.operand.kind === "number")
    return -arg.operand.value;
  return undefined;
}

function argumentNames(definition: NodeDefinition): string[] {
  const inputs = definition.inputs.filter((port) => port.type !== "bars").map((port) => port.name);
  return [...inputs, ...(definition.formula?.params ?? [])];
}

function usage(name: string, definition: NodeDefinition): string {
  return `${name}(${argumentNames(definition).join(", ")})`;
}

function suggest(word: string, candidates: readonly string[]): string {
  const [best] = closeMatches(word, candidates, 1);
  return best ? ` Did you mean "${best}"?` : "";
}

function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

const pickers = new WeakMap<Registry, Map<string, FieldPicker | undefined>>();

/**
 * The node that reads one price from bars: a data node with a single bars input and either a
 * `field` param (a Bar Field node) or an output named after the price (a Bar Fields node).
 * Found by shape rather than by type id, so the formula works with whichever the catalogue has.
 */
function findFieldPicker(registry: Registry, field: string): FieldPicker | undefined {
  let cache = pickers.get(registry);
  if (!cache) {
    cache = new Map();
    pickers.set(registry, cache);
  }
  if (cache.has(field)) return cache.get(field);
  const candidates = registry.definitions
    .filter(
      (definition) =>
        definition.kernel && definition.inputs.length === 1 && definition.inputs[0].type === "bars",
    )
    .sort((a, b) => Number(b.category === "data") - Number(a.category === "data"));
  let found: FieldPicker | undefined;
  for (const definition of candidates) {
    const [input] = definition.inputs;
    const named = definition.outputs.find((output) => output.name === field);
    if (named) {
      found = { definition, params: {}, input, output: named };
      break;
    }
    const [output] = definition.outputs;
    const parsed = definition.params.safeParse({ field });
    if (
      definition.outputs.length === 1 &&
      output.type === "series" &&
      parsed.success &&
      parsed.data.field === field
    ) {
      found = { definition, params: { field }, input, output };
      break;
    }
  }
  cache.set(field, found);
  return found;
}
