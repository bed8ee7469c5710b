import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { PlanBuilder } from "../../executor/testing";
import { starters } from "../../starters/index";
import { exportPlan, generate } from "../index";
import { hostile, NASTY } from "../testing/hostile";
import { PINE_TA_CALLS } from "./generate";

const GOLDEN = join(import.meta.dirname, "golden");
const BUILT_INS = new Set(
  "open high low close volume hl2 hlc3 ohlc4 time bar_index na true false and or not if else var int float math strategy syminfo input ta plot".split(
    " ",
  ),
);

/** What a reader of the Pine file can check without TradingView: the problems, as sentences. */
function pineProblems(code: string): string[] {
  const problems: string[] = [];
  const lines = code.split("\n");
  if (lines[0] !== "//@version=6") problems.push("The first line is not //@version=6.");
  if (lines.filter((line) => line.startsWith("strategy(")).length !== 1)
    problems.push("There is not exactly one strategy() call.");
  const declared = new Set<string>();
  lines.forEach((line, k) => {
    if (line.trimStart().startsWith("//") || line.trim() === "") return;
    const indent = line.length - line.trimStart().length;
    if (indent % 4 !== 0)
      problems.push(`Line ${k + 1} is indented by ${indent} spaces, not a multiple of 4.`);
    if (indent > 0 && !/^\s*(if|else if) /.test(lines[k - 1] ?? "") && indent === 4) {
      if (!/^(if|else if) /.test(lines[k - 1].trimStart()))
        problems.push(`Line ${k + 1} is indented without an if above it.`);
    }
    const code = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    let depth = 0;
    for (const char of code) {
      if (char === "(" || char === "[") depth++;
      if (char === ")" || char === "]") depth--;
      if (depth < 0) break;
    }
    if (depth !== 0) problems.push(`Line ${k + 1} has unbalanced brackets.`);
    for (const call of code.match(/\bta\.\w+/g) ?? []) {
      if (!PINE_TA_CALLS.includes(call))
        problems.push(`Line ${k + 1} calls ${call}, which is not in the known list.`);
    }
    const assigned = /^\s*(?:var (?:int|float) )?([A-Za-z_]\w*)\s*:?=(?!=)/.exec(code);
    const uses = code.replace(/^\s*(?:var (?:int|float) )?[A-Za-z_]\w*\s*:?=(?!=)/, "");
    for (const match of uses.matchAll(/(?<![.\w])([A-Za-z_]\w*)(?!\s*[.(\w]|\s*=(?!=))/g)) {
      const name = match[1];
      if (!BUILT_INS.has(name) && !declared.has(name) && !/^\d/.test(name)) {
        problems.push(`Line ${k + 1} reads ${name} before it is declared.`);
      }
    }
    if (assigned) declared.add(assigned[1]);
  });
  return problems;
}

describe("Pine Script export", () => {
  for (const starter of starters) {
    test(`${starter.id} matches its reviewed golden file and passes the structural check`, () => {
      const exported = exportPlan(starter.graph, "pine");
      expect(exported.ok, "the starter exports").toBe(true);
      const code = exported.ok ? exported.code : "";
      const path = join(GOLDEN, `${starter.id}.pine`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(path, code);
      expect(code, "the reviewed golden file (UPDATE_GOLDEN=1 rewrites it after review)").toBe(
        readFileSync(path, "utf8"),
      );
      expect(pineProblems(code), "structural problems").toEqual([]);
    });
  }

  test("inputs are declared with input.* and used", () => {
    const exported = exportPlan(starters[0].graph, "pine");
    const code = exported.ok ? exported.code : "";
    expect(code).toContain('fastPeriod = input.int(10, "Fast SMA period")');
    expect(code, "the input feeds the average").toContain("ta.sma(priceValue, fastPeriod)");
  });

  test("hostile strings stay inside comments and string literals", () => {
    for (const nasty of NASTY) {
      const exported = exportPlan(hostile(starters[2].graph, nasty), "pine");
      const code = exported.ok ? exported.code : "";
      expect(pineProblems(code), `structure with ${JSON.stringify(nasty)}`).toEqual([]);
    }
  });

  test("math, logic and indicator ops with a Pine form export to structurally sound Pine", () => {
    const b = new PlanBuilder();
    const close = PlanBuilder.close;
    const one = (op: string, params: Record<string, unknown>, inputs: number[]) =>
      b.step(op, params, inputs)[0];
    const average = one("indicators.wma", { period: 5 }, [close]);
    const smooth = one("indicators.rma", { period: 4 }, [close]);
    const series = [
      one("math.abs", {}, [average]),
      one("math.log", {}, [average]),
      one("math.exp", {}, [one("math.change", { bars: 2 }, [average])]),
      one("math.sqrt", {}, [smooth]),
      one("math.pow", {}, [average, b.constant(2)]),
      one("math.percentChange", { bars: 1 }, [smooth]),
      one("math.rollingSum", { period: 3 }, [close]),
      one("math.rollingMin", { period: 3 }, [close]),
      one("math.rollingMax", { period: 3 }, [close]),
      one("indicators.mom", { period: 3 }, [close]),
      one("indicators.roc", { period: 3 }, [close]),
      one("indicators.willr", { period: 7 }, PlanBuilder.bars),
    ];
    let when = one("logic.between", {}, [
      close,
      one("math.min", {}, [average, smooth]),
      one("math.max", {}, [average, smooth]),
    ]);
    for (const value of series) {
      when = one("logic.xor", {}, [when, one("logic.compare", { op: ">" }, [value, close])]);
    }
    const chosen = one("logic.ifThenElse", {}, [when, average, smooth]);
    b.order({
      action: "enterLong",
      when: one("logic.becameTrue", {}, [one("logic.compare", { op: ">" }, [close, chosen])]),
    });
    const code = generate("pine", { plan: b.build() });
    expect(pineProblems(code), "structural problems").toEqual([]);
    for (const call of [
      "ta.wma(close",
      "ta.rma(close",
      "math.log(",
      "math.exp(",
      "math.sum(close",
      "ta.mom(close",
    ]) {
      expect(code, `the export writes ${call}`).toContain(call);
    }
  });

  test("an op without a Pine form is refused, naming the node and the op", () => {
    const builder = new PlanBuilder();
    const value = builder.step("indicators.kama", {}, [PlanBuilder.close])[0];
    builder.order({
      action: "enterLong",
      when: builder.step("logic.compare", {}, [PlanBuilder.close, value])[0],
    });
    expect(() => generate("pine", { plan: builder.build() })).toThrow(
      /KAMA.*indicators\.kama|indicators\.kama/,
    );
    expect(() => generate("ts", { plan: builder.build() })).toThrow(/indicators\.kama/);
    expect(() => generate("py", { plan: builder.build() })).toThrow(/indicators\.kama/);
  });
});
