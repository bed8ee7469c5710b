/**
 * Formulas are parsed by this small parser of our own, never by eval: what a user types can only
 * ever become numbers, names, operators and function calls, which the expansion then maps to
 * catalogue nodes. Every error is a sentence with the 1-based column it points at.
 */

export const MAX_FORMULA_LENGTH = 2000;
export const MAX_FORMULA_DEPTH = 64;

export type ComparisonOperator = ">" | ">=" | "<" | "<=" | "==" | "!=";
export type BinaryOperator = "+" | "-" | "*" | "/" | "^" | ComparisonOperator | "and" | "or";
export type UnaryOperator = "-" | "not";

/** A parsed formula. `column` is where the node's text starts (for operators: the operator). */
export type FormulaNode =
  | { kind: "number"; value: number; column: number }
  | { kind: "name"; name: string; column: number }
  | { kind: "call"; name: string; args: FormulaNode[]; column: number }
  | { kind: "unary"; operator: UnaryOperator; operand: FormulaNode; column: number }
  | { kind: "binary"; operator: BinaryOperator; left: FormulaNode; right: FormulaNode; column: number };

export type ParseResult = { ok: true; ast: FormulaNode } | { ok: false; message: string; column: number };

/** Words that are operators, so never names of prices, inputs or functions. */
export const KEYWORDS: ReadonlySet<string> = new Set(["and", "or", "not"]);

type Token =
  | { kind: "number"; value: number; text: string; column: number }
  | { kind: "name"; text: string; column: number }
  | { kind: "symbol"; text: string; column: number }
  | { kind: "end"; text: ""; column: number };

/** A user-facing formula error; thrown inside the parser and the expansion, returned at their edges. */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

const SYMBOLS = [">=", "<=", "==", "!=", "+", "-", "*", "/", "^", "(", ")", ",", ">", "<"];
/** Spellings from other languages, answered with ours instead of a bare "unexpected character". */
const FOREIGN: Readonly<Record<string, string>> = {
  "&&": 'Use "and" instead of "&&"',
  "||": 'Use "or" instead of "||"',
  "**": 'Use "^" for powers instead of "**"',
  "=": 'Use "==" to compare',
  "!": 'Use "not" instead of "!"',
  "&": 'Use "and" instead of "&"',
  "|": 'Use "or" instead of "|"',
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const numberPattern = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
  const namePattern = /[A-Za-z_][A-Za-z0-9_]*/y;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    const column = i + 1;
    if (char === " " || char === "\t" || char === "\n" || char === "\r") {
      i++;
      continue;
    }
    numberPattern.lastIndex = i;
    const number = numberPattern.exec(text);
    if (number) {
      const value = Number(number[0]);
      if (!Number.isFinite(value))
        throw new FormulaError(`The number at column ${column} is too large.`, column);
      tokens.push({ kind: "number", value, text: number[0], column });
      i += number[0].length;
      continue;
    }
    namePattern.lastIndex = i;
    const name = namePattern.exec(text);
    if (name) {
      tokens.push({ kind: "name", text: name[0], column });
      i += name[0].length;
      continue;
    }
    const pair = text.slice(i, i + 2);
    if (Object.hasOwn(FOREIGN, pair)) throw new FormulaError(`${FOREIGN[pair]} at column ${column}.`, column);
    const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
    if (!symbol) {
      const hint = Object.hasOwn(FOREIGN, char)
        ? FOREIGN[char]
        : `Unexpected character ${JSON.stringify(char)}`;
      throw new FormulaError(`${hint} at column ${column}.`, column);
    }
    tokens.push({ kind: "symbol", text: symbol, column });
    i += symbol.length;
  }
  tokens.push({ kind: "end", text: "", column: text.length + 1 });
  return tokens;
}

const COMPARISONS: ReadonlySet<string> = new Set([">", ">=", "<", "<=", "==", "!="]);

/**
 * Precedence, loosest first: or, and, not, comparisons (which do not chain), + -, * /, unary minus,
 * ^ (right-associative, so -2^2 is -(2^2) and 2^3^2 is 2^(3^2), as in mathematics).
 */
class Parser {
  #position = 0;
  #depth = 0;

  constructor(readonly tokens: Token[]) {}

  parse(): FormulaNode {
    const ast = this.#expression();
    const next = this.#peek();
    if (next.kind !== "end") {
      throw new FormulaError(
        `Expected an operator or the end of the formula at column ${next.column}, found ${spell(next)}.`,
        next.column,
      );
    }
    return ast;
  }

  #peek(): Token {
    return this.tokens[this.#position];
  }

  #next(): Token {
    return this.tokens[this.#position++];
  }

  #isSymbol(text: string): boolean {
    const token = this.#peek();
    return token.kind === "symbol" && token.text === text;
  }

  #isWord(word: string): boolean {
    const token = this.#peek();
    return token.kind === "name" && token.text === word;
  }

  /** Every construct that nests (brackets, arguments, prefixes, exponents) goes through here. */
  #nested<T>(column: number, parse: () => T): T {
    if (++this.#depth > MAX_FORMULA_DEPTH) {
      throw new FormulaError(
        `The formula nests more than ${MAX_FORMULA_DEPTH} levels deep at column ${column}; split it into several formula nodes.`,
        column,
      );
    }
    const result = parse();
    this.#depth--;
    return result;
  }

  #expression(): FormulaNode {
    return this.#nested(this.#peek().column, () => this.#or());
  }

  #or(): FormulaNode {
    let left = this.#and();
    while (this.#isWord("or")) {
      const { column } = this.#next();
      left = { kind: "binary", operator: "or", left, right: this.#and(), column };
    }
    return left;
  }

  #and(): FormulaNode {
    let left = this.#not();
    while (this.#isWord("and")) {
      const { column } = this.#next();
      left = { kind: "binary", operator: "and", left, right: this.#not(), column };
    }
    return left;
  }

  #not(): FormulaNode {
    if (!this.#isWord("not")) return this.#comparison();
    const { column } = this.#next();
    return { kind: "unary", operator: "not", operand: this.#nested(column, () => this.#not()), column };
  }

  #comparison(): FormulaNode {
    const left = this.#additive();
    const token = this.#peek();
    if (token.kind !== "symbol" || !COMPARISONS.has(token.text)) return left;
    this.#next();
    const node: FormulaNode = {
      kind: "binary",
      operator: token.text as ComparisonOperator,
      left,
      right: this.#additive(),
      column: token.column,
    };
    const again = this.#peek();
    if (again.kind === "symbol" && COMPARISONS.has(again.text)) {
      throw new FormulaError(
        `Comparisons cannot be chained at column ${again.column}; write "a < b and b < c" instead.`,
        again.column,
      );
    }
    return node;
  }

  #additive(): FormulaNode {
    let left = this.#multiplicative();
    while (this.#isSymbol("+") || this.#isSymbol("-")) {
      const { text, column } = this.#next();
      left = { kind: "binary", operator: text as "+" | "-", left, right: this.#multiplicative(), column };
    }
    return left;
  }

  #multiplicative(): FormulaNode {
    let left = this.#unary();
    while (this.#isSymbol("*") || this.#isSymbol("/")) {
      const { text, column } = this.#next();
      left = { kind: "binary", operator: text as "*" | "/", left, right: this.#unary(), column };
    }
    return left;
  }

  #unary(): FormulaNode {
    if (!this.#isSymbol("-")) return this.#power();
    const { column } = this.#next();
    return { kind: "unary", operator: "-", operand: this.#nested(column, () => this.#unary()), column };
  }

  #power(): FormulaNode {
    const base = this.#primary();
    if (!this.#isSymbol("^")) return base;
    const { column } = this.#next();
    return {
      kind: "binary",
      operator: "^",
      left: base,
      right: this.#nested(column, () => this.#unary()),
      column,
    };
  }

  #primary(): FormulaNode {
    const token = this.#next();
    if (token.kind === "number") return { kind: "number", value: token.value, column: token.column };
    if (token.kind === "name" && !KEYWORDS.has(token.text)) {
      if (!this.#isSymbol("(")) return { kind: "name", name: token.text, column: token.column };
      this.#next();
      return { kind: "call", name: token.text, args: this.#arguments(), column: token.column };
    }
    if (token.kind === "symbol" && token.text === "(") {
      const inner = this.#expression();
      this.#expect(")");
      return inner;
    }
    throw new FormulaError(
      `Expected a number, a name or "(" at column ${token.column}, found ${spell(token)}.`,
      token.column,
    );
  }

  /** After the opening bracket: arguments separated by commas, then the closing bracket. */
  #arguments(): FormulaNode[] {
    const args: FormulaNode[] = [];
    if (this.#isSymbol(")")) {
      this.#next();
      return args;
    }
    for (;;) {
      args.push(this.#expression());
      if (this.#isSymbol(",")) {
        this.#next();
        continue;
      }
      const token = this.#peek();
      if (!this.#isSymbol(")"))
        throw new FormulaError(`Expected "," or ")" at column ${token.column}.`, token.column);
      this.#next();
      return args;
    }
  }

  #expect(symbol: string): void {
    const token = this.#peek();
    if (token.kind !== "symbol" || token.text !== symbol) {
      throw new FormulaError(`Expected ${JSON.stringify(symbol)} at column ${token.column}.`, token.column);
    }
    this.#next();
  }
}

function spell(token: Token): string {
  return token.kind === "end" ? "the end of the formula" : JSON.stringify(token.text);
}

/** Parses a formula; never throws on any input text. */
export function parseFormula(text: string): ParseResult {
  if (text.length > MAX_FORMULA_LENGTH) {
    return {
      ok: false,
      message: `The formula is ${text.length} characters long; the limit is ${MAX_FORMULA_LENGTH}.`,
      column: MAX_FORMULA_LENGTH + 1,
    };
  }
  if (text.trim() === "") {
    return {
      ok: false,
      message: "The formula is empty. Write an expression such as close - sma(close, 20).",
      column: 1,
    };
  }
  try {
    return { ok: true, ast: new Parser(tokenize(text)).parse() };
  } catch (error) {
    if (error instanceof FormulaError) return { ok: false, message: error.message, column: error.column };
    throw error;
  }
}
