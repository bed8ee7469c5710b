import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import { PlanBuilder } from "../../executor/testing";
import type { Plan } from "../../plan/schema";
import { starters } from "../../starters/index";
import { exportPlan, generate } from "../index";
import { hostile, NASTY } from "../testing/hostile";
import { PINE_FUNCTION_NAMES } from "./functions";
import { PINE_SUPPORTED_OPS, PINE_TA_CALLS } from "./generate";

const GOLDEN = join(import.meta.dirname, "golden");
const BUILT_INS = new Set(
  [
    ...["open", "high", "low", "close", "volume", "hl2", "hlc3", "ohlc4", "time", "bar_index", "na", "true"],
    ...["false", "and", "or", "not", "if", "else", "for", "to", "while", "var", "int", "float", "bool"],
    ...["math", "strategy", "syminfo", "input", "ta", "plot", "array", "order"],
  ].flat(),
);
/** Functions of Pine itself that a line may call without a namespace. */
const BUILT_IN_CALLS = new Set(["na", "nz", "int", "float", "plot", "strategy", "array"]);
const DECLARATION = /^\s*(?:var\s+)?(?:(?:float|int|bool)\s+)?([A-Za-z_]\w*)\s*(?::=|\+=|-=|=(?!=))/;

/** What a reader of the Pine file can check without TradingView: the problems, as sentences. */
function pineProblems(code: string): string[] {
  const problems: string[] = [];
  const lines = code.split("\n");
  if (lines[0] !== "//@version=6") problems.push("The first line is not //@version=6.");
  if (lines.filter((line) => line.startsWith("strategy(")).length !== 1)
    problems.push("There is not exactly one strategy() call.");
  const declared = new Set<string>();
  const functions = new Set<string>();
  // The names a function's body may read besides the script's: its parameters and its locals.
  let local: Set<string> | undefined;
  let previous = { indent: 0, opens: false };
  lines.forEach((line, k) => {
    if (line.trimStart().startsWith("//") || line.trim() === "") return;
    const where = `Line ${k + 1}`;
    const indent = line.length - line.trimStart().length;
    if (indent % 4 !== 0) problems.push(`${where} is indented by ${indent} spaces, not a multiple of 4.`);
    if (previous.opens && indent !== previous.indent + 4)
      problems.push(`${where} does not indent the block opened above it.`);
    if (!previous.opens && indent > previous.indent)
      problems.push(`${where} is indented without an if, for, while or function above it.`);
    const code = line.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/\/.*$/, "");
    const text = code.trim();
    previous = { indent, opens: /^(if|else|for|while)\b/.test(text) || text.endsWith("=>") };
    if (indent === 0) local = undefined;

    let depth = 0;
    for (const char of code) {
      if (char === "(" || char === "[") depth++;
      if (char === ")" || char === "]") depth--;
      if (depth < 0) break;
    }
    if (depth !== 0) problems.push(`${where} has unbalanced brackets.`);
    for (const call of code.match(/\bta\.\w+/g) ?? []) {
      if (!PINE_TA_CALLS.includes(call))
        problems.push(`${where} calls ${call}, which is not in the known list.`);
    }

    const definition = /^([A-Za-z_]\w*)\((.*)\)\s*=>$/.exec(text);
    if (definition) {
      if (indent !== 0) problems.push(`${where} defines a function inside a block.`);
      functions.add(definition[1]);
      const parameters = definition[2].split(",").filter((part) => part.trim() !== "");
      local = new Set(parameters.map((part) => part.trim().split(/\s+/).at(-1)!));
      return;
    }
    const known = (name: string) => declared.has(name) || local?.has(name) === true;
    const declare = (name: string) => (local ?? declared).add(name);
    for (const match of code.matchAll(/(?<![.\w])([A-Za-z_]\w*)\s*\(/g)) {
      const name = match[1];
      if (!BUILT_IN_CALLS.has(name) && !functions.has(name) && !BUILT_INS.has(name))
        problems.push(`${where} calls ${name} before it is defined.`);
    }
    let uses = code;
    const loop = /^\s*for\s+([A-Za-z_]\w*)\s*=/.exec(code);
    const tuple = /^\s*\[([\w\s,]+)\]\s*=(?!=)/.exec(code);
    const assigned = DECLARATION.exec(code);
    const targets = loop ? [loop[1]] : tuple ? tuple[1].split(",").map((name) => name.trim()) : [];
    if (loop) uses = code.replace(/^\s*for\s+[A-Za-z_]\w*\s*=/, "");
    else if (tuple) uses = code.replace(/^\s*\[[\w\s,]+\]\s*=/, "");
    else if (assigned) {
      uses = code.replace(DECLARATION, "");
      // `x := ...` and `x += ...` change a variable that must exist already.
      if (/^\s*[A-Za-z_]\w*\s*(?::=|\+=|-=)/.test(code) && !known(assigned[1]))
        problems.push(`${where} changes ${assigned[1]} before it is declared.`);
      else targets.push(assigned[1]);
    }
    for (const match of uses.matchAll(/(?<![.\w])([A-Za-z_]\w*)(?!\s*[.(\w]|\s*=(?!=))/g)) {
      const name = match[1];
      if (!BUILT_INS.has(name) && !known(name) && !/^\d/.test(name)) {
        problems.push(`${where} reads ${name} before it is declared.`);
      }
    }
    for (const name of targets) declare(name);
  });
  return problems;
}

/** A plan of one op with its default params (series inputs on the close), for the structural check. */
function onePlan(op: string): Plan {
  const b = new PlanBuilder(catalogue);
  const inputs = catalogue.get(op).inputs.flatMap((port) => {
    if (port.type === "bars") return PlanBuilder.bars;
    if (port.type === "bool")
      return [b.step("logic.compare", { op: ">" }, [PlanBuilder.close, PlanBuilder.open])[0]];
    return [PlanBuilder.close];
  });
  b.step(op, {}, op === "data.priceFeed" ? PlanBuilder.bars : inputs);
  return b.build();
}

/** Plans for the golden files of the ops written as Pine functions, each with one order rule. */
const CASES: Record<string, () => Plan> = {
  "trend-strength": () => {
    const b = new PlanBuilder();
    const [adx, plusDi, minusDi] = b.step("indicators.adx", { period: 14 }, PlanBuilder.bars);
    const [, direction] = b.step("indicators.superTrend", {}, PlanBuilder.bars);
    const [upper] = b.step("indicators.keltner", {}, PlanBuilder.bars);
    const strong = b.step("logic.compare", { op: ">" }, [adx, b.constant(25)])[0];
    const up = b.step("logic.compare", { op: ">" }, [plusDi, minusDi])[0];
    const trend = b.step("logic.compare", { op: ">" }, [direction, b.constant(0)])[0];
    const breakout = b.step("logic.crossesAbove", {}, [PlanBuilder.close, upper])[0];
    const both = b.step("logic.and", {}, [b.step("logic.and", {}, [strong, up])[0], trend])[0];
    return b.order({ action: "enterLong", when: b.step("logic.and", {}, [both, breakout])[0] }).build();
  },
  "swing-patterns": () => {
    const b = new PlanBuilder();
    const [pivot] = b.step("patterns.pivotPoints", {}, PlanBuilder.bars);
    const [swing, direction] = b.step("patterns.zigzag", { deviation: 3 }, PlanBuilder.bars);
    const levels = b.step("patterns.fibonacciRetracement", { window: 50 }, PlanBuilder.bars);
    const [, nextState, probability] = b.step("patterns.markovRegime", {}, [PlanBuilder.close]);
    const conditions = [
      b.step("logic.compare", { op: ">" }, [PlanBuilder.close, pivot])[0],
      b.step("logic.compare", { op: "<" }, [direction, b.constant(0)])[0],
      b.step("logic.compare", { op: ">" }, [PlanBuilder.close, swing])[0],
      b.step("logic.compare", { op: ">" }, [PlanBuilder.close, levels[4]])[0],
      b.step("logic.compare", { op: "==" }, [nextState, b.constant(2)])[0],
      b.step("logic.compare", { op: ">" }, [probability, b.constant(0.5)])[0],
    ];
    const when = conditions.reduce((a, c) => b.step("logic.and", {}, [a, c])[0]);
    return b.order({ action: "enterLong", when }).build();
  },
  "higher-timeframe-rsi": () => {
    const b = new PlanBuilder();
    const daily = b.step("data.resample", { timeframe: "1d" }, PlanBuilder.bars);
    const close = b.step("data.barField", { field: "close" }, daily)[0];
    const rsi = b.step("indicators.rsi", { period: 14 }, [close])[0];
    const oversold = b.step("logic.compare", { op: "<" }, [rsi, b.constant(30)])[0];
    const rising = b.step("logic.rising", { bars: 2 }, [PlanBuilder.close])[0];
    return b.order({ action: "enterLong", when: b.step("logic.and", {}, [oversold, rising])[0] }).build();
  },
  "adaptive-averages": () => {
    const b = new PlanBuilder();
    const kama = b.step("indicators.kama", { period: 10 }, [PlanBuilder.close])[0];
    const t3 = b.step("indicators.t3", { period: 5 }, [PlanBuilder.close])[0];
    const oscillator = b.step("indicators.ppo", { maType: "tema" }, [PlanBuilder.close])[0];
    const [, middle] = b.step("indicators.bbands", { period: 20, maType: "ema" }, [PlanBuilder.close]);
    const above = b.step("logic.crossesAbove", {}, [t3, kama])[0];
    const positive = b.step("logic.compare", { op: ">" }, [oscillator, b.constant(0)])[0];
    const over = b.step("logic.compare", { op: ">" }, [PlanBuilder.close, middle])[0];
    const when = b.step("logic.and", {}, [b.step("logic.and", {}, [above, positive])[0], over])[0];
    return b.order({ action: "enterLong", when }).build();
  },
};

function expectGolden(name: string, code: string): void {
  const path = join(GOLDEN, `${name}.pine`);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, code);
  expect(code, "the reviewed golden file (UPDATE_GOLDEN=1 rewrites it after review)").toBe(
    readFileSync(path, "utf8"),
  );
}

describe("Pine Script export", () => {
  for (const starter of starters) {
    test(`${starter.id} matches its reviewed golden file and passes the structural check`, () => {
      const exported = exportPlan(starter.graph, "pine");
      expect(exported.ok, "the starter exports").toBe(true);
      const code = exported.ok ? exported.code : "";
      expectGolden(starter.id, code);
      expect(pineProblems(code), "structural problems").toEqual([]);
    });
  }

  for (const [name, plan] of Object.entries(CASES)) {
    test(`${name} matches its reviewed golden file and passes the structural check`, () => {
      const code = generate("pine", { plan: plan() });
      expectGolden(name, code);
      expect(pineProblems(code), "structural problems").toEqual([]);
    });
  }

  test("every op with a kernel exports to structurally sound Pine", () => {
    const ops = catalogue.definitions
      .filter((d) => d.kernel && d.type !== "data.barField")
      .map((d) => d.type);
    expect(
      ops.filter((op) => !PINE_SUPPORTED_OPS.includes(op)),
      "ops the Pine export cannot write",
    ).toEqual([]);
    for (const op of ops) {
      expect(pineProblems(generate("pine", { plan: onePlan(op) })), `structural problems of ${op}`).toEqual(
        [],
      );
    }
  });

  test("the structural check catches what TradingView would reject", () => {
    const valid = generate("pine", { plan: CASES["trend-strength"]() });
    const broken = [
      [valid.replace("ta.tr(false)", "ta.trueRange(false)"), "calls ta.trueRange"],
      [valid.replace("    if bar_index >= 1", "  if bar_index >= 1"), "not a multiple of 4"],
      [valid.replace(/^strataRma\(/m, "strataWilder("), "calls strataRma before it is defined"],
      [valid.replace("    var float seedSum = 0.0\n", ""), "changes seedSum before it is declared"],
    ] as const;
    for (const [code, problem] of broken) {
      expect(pineProblems(code).join(" "), "a broken file is reported").toContain(problem);
    }
  });

  test("a function is written once, before the first indicator that calls it", () => {
    const b = new PlanBuilder();
    for (const op of ["indicators.dema", "indicators.tema", "indicators.ema"])
      b.step(op, {}, [PlanBuilder.close]);
    const code = generate("pine", { plan: b.build() });
    expect(code.match(/^strataEma\(/gm)?.length, "one definition of the SMA-seeded EMA").toBe(1);
    expect(code.indexOf("strataEma(float"), "the EMA is defined before DEMA, which calls it").toBeLessThan(
      code.indexOf("strataDema(float"),
    );
    expect(code.indexOf("---- Functions"), "functions come before the indicators").toBeLessThan(
      code.indexOf("---- Indicators"),
    );
    for (const name of PINE_FUNCTION_NAMES) {
      expect(code.includes(`${name}(`), `${name} is written only when used`).toBe(
        ["strataEma", "strataDema", "strataTema"].includes(name),
      );
    }
  });

  test("a higher timeframe is read from the chart's bars by UTC buckets, one price at a time", () => {
    const code = generate("pine", { plan: CASES["higher-timeframe-rsi"]() });
    expect(code, "the last finished day, 86400000 ms from the epoch").toContain(
      "strataHigherTimeframe(86400000, 0)",
    );
    expect(code, "Bar Field reads the daily close").toMatch(/^barField = higherTimeframeClose$/m);
  });

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
      one("math.zScore", { period: 9 }, [smooth]),
      one("math.clamp", {}, [close, b.constant(10), b.constant(90)]),
      one("logic.barsSince", {}, [one("logic.rising", { bars: 2 }, [average])]),
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
      "strataRma(close",
      "math.log(",
      "math.exp(",
      "math.sum(close",
      "ta.mom(close",
      "ta.barssince(",
      "strataStreak(",
    ]) {
      expect(code, `the export writes ${call}`).toContain(call);
    }
  });

  test("bars of a higher timeframe fed to anything but Bar Field are refused, naming the node", () => {
    const builder = new PlanBuilder();
    const hourly = builder.step("data.resample", { timeframe: "1h" }, PlanBuilder.bars);
    const range = builder.step("indicators.atr", {}, hourly)[0];
    builder.order({
      action: "enterLong",
      when: builder.step("logic.compare", {}, [PlanBuilder.close, range])[0],
    });
    expect(() => generate("pine", { plan: builder.build() })).toThrow(
      /ATR \(step 2, ATR, op indicators\.atr\): Pine Script reads only the chart's own bars/,
    );
    expect(generate("ts", { plan: builder.build() }), "JavaScript computes ATR on hourly bars").toContain(
      "atr(higherTimeframe(bars, 3600000, 0, 0), 14, 0)",
    );
  });
});
