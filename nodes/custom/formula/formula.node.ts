import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import type { Registry } from "@/nodes/core/registry";
import { FormulaExpander } from "./expand";
import { FormulaError, MAX_FORMULA_LENGTH, parseFormula } from "./parser";

let functions: Registry | undefined;

/**
 * Gives formulas the catalogue to resolve function names against. nodes/catalogue.ts calls it
 * once, right after building the catalogue: importing the catalogue here would be an import cycle.
 */
export function setFormulaRegistry(registry: Registry): void {
  functions = registry;
}

export const formula = defineNode({
  type: "custom.formula",
  version: 1,
  title: "Formula",
  category: "custom",
  description:
    "Computes a number series from a formula you type, e.g. (close - sma(close, 20)) / stdev(close, 20). Names: open, high, low, close, volume, hl2, hlc3, ohlc4 (from the bars input, or the strategy's own instrument when it is not connected) and x, y, z (the series inputs). Operators: + - * / ^, comparisons > >= < <= == !=, and, or, not, brackets. Functions are the catalogue's nodes written with their inputs first and their settings after, e.g. sma(close, 20); settings must be numbers written out. Functions that read whole bars (like atr) take the bars implicitly: atr(14). A comparison gives 1 for true and 0 for false.",
  inputs: [
    {
      name: "bars",
      type: "bars",
      label: "Bars",
      optional: true,
      description:
        "Where open, high, low, close and volume come from; the strategy's own instrument when not connected.",
    },
    { name: "x", type: "series", label: "x", optional: true, description: "Named x in the formula." },
    { name: "y", type: "series", label: "y", optional: true, description: "Named y in the formula." },
    { name: "z", type: "series", label: "z", optional: true, description: "Named z in the formula." },
  ],
  outputs: [{ name: "value", type: "series", label: "Value" }],
  params: z.object({
    expression: z
      .string({ error: "The formula must be text." })
      .min(1, "The formula is empty. Write an expression such as close - sma(close, 20).")
      .max(MAX_FORMULA_LENGTH, `The formula is too long; the limit is ${MAX_FORMULA_LENGTH} characters.`)
      .default("(close - sma(close, 20)) / stdev(close, 20)")
      .describe("The formula to compute on every bar."),
  }),
  warmup: () => 0,
  expand: ({ expression }, { connected }) => {
    if (!functions) throw new Error("setFormulaRegistry(catalogue) must run before formulas are expanded.");
    const parsed = parseFormula(expression);
    if (!parsed.ok) return { ok: false, message: parsed.message, param: "expression", column: parsed.column };
    try {
      return { ok: true, expansion: new FormulaExpander(functions, connected).expand(parsed.ast) };
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      return { ok: false, message: error.message, param: "expression", column: error.column };
    }
  },
});
