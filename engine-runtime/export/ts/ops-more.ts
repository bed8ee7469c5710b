import type { OpWriter } from "../shared/ops";

/**
 * The JavaScript of the math and logic ops: batch versions of the node kernels in nodes/math and
 * nodes/logic, with the same operations in the same order. A finite-number test is `v - v === 0`,
 * as in the kernels, so infinities count as gaps exactly where they do there.
 */
const unary = (name: string, doc: string, expression: string): OpWriter => ({
  name,
  helpers: ["column"],
  code: `/** ${doc} */
function ${name}(x, start) {
  const out = column(x.length);
  for (let i = start; i < x.length; i++) {
    const v = x[i];
    out[i] = ${expression};
  }
  return out;
}`,
  call: ([x], step) => `${name}(${x}, ${step.step.start})`,
});

/** A running window of sums over finite values, with gaps counted; `finish` turns sums into the output. */
const windowSums = (name: string, doc: string, squares: boolean, finish: string): OpWriter => ({
  name,
  helpers: ["column"],
  code: `/** ${doc} Empty while the window holds a gap. */
function ${name}(x, period, start) {
  const out = column(x.length);
  let sum = 0;
  let sumOfSquares = 0;
  let gaps = 0;
  for (let i = start; i < x.length; i++) {
    if (i - start >= period) {
      const old = x[i - period];
      if (old - old === 0) {
        sum -= old;${squares ? "\n        sumOfSquares -= old * old;" : ""}
      } else gaps--;
    }
    const v = x[i];
    if (v - v === 0) {
      sum += v;${squares ? "\n      sumOfSquares += v * v;" : ""}
    } else gaps++;
    if (i - start < period - 1 || gaps > 0) continue;
${finish}
  }
  return out;
}`,
  call: ([x], step) => `${name}(${x}, ${step.params.period}, ${step.step.start})`,
});

/** Scans back from the newest bar so that, among equal values, the newest wins as in the kernel. */
const windowExtreme = (name: string, doc: string, better: string): OpWriter => ({
  name,
  helpers: ["column"],
  code: `/** ${doc} Empty while the window holds a gap. */
function ${name}(x, period, start) {
  const out = column(x.length);
  for (let i = start + period - 1; i < x.length; i++) {
    let best = x[i];
    let gap = !(best - best === 0);
    for (let j = i - 1; j > i - period; j--) {
      const v = x[j];
      if (!(v - v === 0)) gap = true;
      else if (${better}) best = v;
    }
    if (!gap) out[i] = best;
  }
  return out;
}`,
  call: ([x], step) => `${name}(${x}, ${step.params.period}, ${step.step.start})`,
});

const streak = (name: string, doc: string, test: string): OpWriter => ({
  name,
  helpers: ["column"],
  code: `/** ${doc} */
function ${name}(x, bars, start) {
  const out = column(x.length);
  let run = 0;
  for (let i = start + 1; i < x.length; i++) {
    const now = x[i];
    const before = x[i - 1];
    run = ${test} ? run + 1 : 0;
    if (i >= start + bars && !Number.isNaN(now) && !Number.isNaN(before)) out[i] = run >= bars ? 1 : 0;
  }
  return out;
}`,
  call: ([x], step) => `${name}(${x}, ${step.params.bars}, ${step.step.start})`,
});

export const JS_MORE_OPS: Record<string, OpWriter> = {
  "math.abs": unary("absolute", "|A|.", "Math.abs(v)"),
  "math.log": unary(
    "logarithm",
    "Natural log of A, empty where A is not above 0.",
    "v > 0 ? Math.log(v) : NaN",
  ),
  "math.exp": unary("exponential", "e to the power A.", "Math.exp(v)"),
  "math.sqrt": unary("squareRoot", "Square root of A.", "Math.sqrt(v)"),
  "math.clamp": {
    name: "clamp",
    helpers: ["column"],
    code: `/** A kept between the lower and upper limits; empty where the limits are crossed or empty. */
function clamp(x, lower, upper, start) {
  const out = column(x.length);
  for (let i = start; i < x.length; i++) {
    const [lo, hi] = [lower[i], upper[i]];
    out[i] = !(lo <= hi) ? NaN : Math.min(Math.max(x[i], lo), hi);
  }
  return out;
}`,
    call: ([x, lo, hi], step) => `clamp(${x}, ${lo}, ${hi}, ${step.step.start})`,
  },
  "math.round": {
    name: "roundTo",
    helpers: ["column"],
    code: `/** A rounded to a number of decimals (scale = 10 ** decimals), halves rounded up. */
function roundTo(x, scale, start) {
  const out = column(x.length);
  for (let i = start; i < x.length; i++) out[i] = Math.round(x[i] * scale) / scale;
  return out;
}`,
    call: ([x], step, literal) =>
      `roundTo(${x}, ${literal(10 ** (step.params.decimals as number))}, ${step.step.start})`,
  },
  "math.change": {
    name: "change",
    helpers: ["column"],
    code: `/** A now minus A a number of bars ago. */
function change(x, bars, start) {
  const out = column(x.length);
  for (let i = start + bars; i < x.length; i++) out[i] = x[i] - x[i - bars];
  return out;
}`,
    call: ([x], step) => `change(${x}, ${step.params.bars}, ${step.step.start})`,
  },
  "math.percentChange": {
    name: "percentChange",
    helpers: ["column"],
    code: `/** The change from a number of bars ago in percent of the old value; empty where that is 0. */
function percentChange(x, bars, start) {
  const out = column(x.length);
  for (let i = start + bars; i < x.length; i++) {
    const before = x[i - bars];
    out[i] = before === 0 ? NaN : ((x[i] - before) / before) * 100;
  }
  return out;
}`,
    call: ([x], step) => `percentChange(${x}, ${step.params.bars}, ${step.step.start})`,
  },
  "math.rollingSum": windowSums(
    "rollingTotal",
    "The sum of the last period values.",
    false,
    "    out[i] = sum;",
  ),
  "math.rollingMean": windowSums(
    "rollingAverage",
    "The mean of the last period values.",
    false,
    "    out[i] = sum / period;",
  ),
  "math.rollingStdev": windowSums(
    "rollingStdev",
    "Population standard deviation of the last period values (TA-Lib's sums).",
    true,
    `    const mean = sum / period;
    const variance = sumOfSquares / period - mean * mean;
    // Rounding can push a zero variance slightly below zero.
    out[i] = variance > 0 ? Math.sqrt(variance) : 0;`,
  ),
  "math.zScore": windowSums(
    "zScore",
    "How many standard deviations A is from its mean over the last period values.",
    true,
    `    const mean = sum / period;
    const variance = sumOfSquares / period - mean * mean;
    out[i] = variance > 0 ? (v - mean) / Math.sqrt(variance) : NaN;`,
  ),
  "math.rollingMin": windowExtreme("rollingLowest", "The lowest of the last period values.", "v < best"),
  "math.rollingMax": windowExtreme("rollingHighest", "The highest of the last period values.", "v > best"),
  "logic.between": {
    name: "between",
    helpers: ["column"],
    code: `/** 1 where lower <= A <= upper, empty while an input is empty. */
function between(x, lower, upper, start) {
  const out = column(x.length);
  for (let i = start; i < x.length; i++) {
    const [v, lo, hi] = [x[i], lower[i], upper[i]];
    if (!Number.isNaN(v) && !Number.isNaN(lo) && !Number.isNaN(hi)) out[i] = v >= lo && v <= hi ? 1 : 0;
  }
  return out;
}`,
    call: ([x, lo, hi], step) => `between(${x}, ${lo}, ${hi}, ${step.step.start})`,
  },
  "logic.xor": {
    name: "eitherButNotBoth",
    helpers: ["column"],
    code: `/** 1 where exactly one of A and B is true, empty while an input is empty. */
function eitherButNotBoth(a, b, start) {
  const out = column(a.length);
  for (let i = start; i < a.length; i++) {
    if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) out[i] = (a[i] === 1) !== (b[i] === 1) ? 1 : 0;
  }
  return out;
}`,
    call: ([a, b], step) => `eitherButNotBoth(${a}, ${b}, ${step.step.start})`,
  },
  "logic.ifThenElse": {
    name: "ifThenElse",
    helpers: ["column"],
    code: `/** The "then" value where the condition is true, the "else" value where false, empty while it is empty. */
function ifThenElse(condition, whenTrue, whenFalse, start) {
  const out = column(condition.length);
  for (let i = start; i < condition.length; i++) {
    const c = condition[i];
    if (!Number.isNaN(c)) out[i] = c === 1 ? whenTrue[i] : whenFalse[i];
  }
  return out;
}`,
    call: ([c, t, f], step) => `ifThenElse(${c}, ${t}, ${f}, ${step.step.start})`,
  },
  "logic.rising": streak("rising", "1 once A has risen on each of the last bars bars.", "now > before"),
  "logic.falling": streak("falling", "1 once A has fallen on each of the last bars bars.", "now < before"),
  "logic.trueForBars": {
    name: "trueForBars",
    helpers: ["column"],
    code: `/** 1 once the condition has been true for bars bars in a row; an empty bar ends the run. */
function trueForBars(condition, bars, start) {
  const out = column(condition.length);
  let run = 0;
  for (let i = start; i < condition.length; i++) {
    const c = condition[i];
    run = c === 1 ? run + 1 : 0;
    if (i >= start + bars - 1 && !Number.isNaN(c)) out[i] = run >= bars ? 1 : 0;
  }
  return out;
}`,
    call: ([c], step) => `trueForBars(${c}, ${step.params.bars}, ${step.step.start})`,
  },
  "logic.becameTrue": {
    name: "becameTrue",
    helpers: ["column"],
    code: `/** 1 on the bar the condition turns true. */
function becameTrue(condition, start) {
  const out = column(condition.length);
  for (let i = start + 1; i < condition.length; i++) {
    const [now, before] = [condition[i], condition[i - 1]];
    if (!Number.isNaN(now) && !Number.isNaN(before)) out[i] = now === 1 && before !== 1 ? 1 : 0;
  }
  return out;
}`,
    call: ([c], step) => `becameTrue(${c}, ${step.step.start})`,
  },
  "logic.barsSince": {
    name: "barsSince",
    helpers: ["column"],
    code: `/** Bars since the condition was last true; empty until it first is. */
function barsSince(condition, start) {
  const out = column(condition.length);
  let lastTrue = -1;
  for (let i = start; i < condition.length; i++) {
    if (condition[i] === 1) lastTrue = i;
    if (lastTrue >= 0) out[i] = i - lastTrue;
  }
  return out;
}`,
    call: ([c], step) => `barsSince(${c}, ${step.step.start})`,
  },
};
JS_MORE_OPS["logic.countInWindow"] = JS_MORE_OPS["math.rollingSum"];
