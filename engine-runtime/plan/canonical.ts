import { type Plan, planSchema } from "./schema";
import { sha256Hex } from "./sha256";

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, keys whose value is undefined
 * left out, numbers in ECMAScript's shortest round-trip form with -0 written as 0. Every engine and
 * every machine that writes a value this way writes the same bytes.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join("");
}

/** Appends pieces to one list joined once at the end: a large plan is one allocation, not a rope of thousands. */
function write(value: unknown, parts: string[]): void {
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new Error(`Canonical JSON has no form for the number ${value}.`);
      parts.push(value === 0 ? "0" : String(value));
      return;
    case "string":
      parts.push(JSON.stringify(value));
      return;
    case "boolean":
      parts.push(value ? "true" : "false");
      return;
    case "object": {
      if (value === null) {
        parts.push("null");
        return;
      }
      if (Array.isArray(value)) {
        parts.push("[");
        for (let i = 0; i < value.length; i++) {
          if (i > 0) parts.push(",");
          write(value[i] ?? null, parts);
        }
        parts.push("]");
        return;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let separator = "{";
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        parts.push(separator, quoted(key));
        write(item, parts);
        separator = ",";
      }
      parts.push(separator === "{" ? "{}" : "}");
      return;
    }
    default:
      throw new Error(`Canonical JSON has no form for a ${typeof value}.`);
  }
}

const quotedKeys = new Map<string, string>();

/** Keys repeat across a plan (every step has the same seven), so each is quoted once, with its colon. */
function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < 10_000) quotedKeys.set(key, text);
  }
  return text;
}

/**
 * canonicalJson of a plan, written field by field: a 10,000-step plan is the bulk of compile time
 * when walked generically. Gives exactly the bytes canonicalJson gives (a property test holds
 * them equal); keys below are in sorted order.
 */
export function planJson(plan: Plan): string {
  const steps = plan.steps.map(
    (step) =>
      `{"inputs":[${step.inputs.join(",")}],"op":${JSON.stringify(step.op)},"opVersion":${step.opVersion},"outputs":[${step.outputs.join(",")}],"params":${canonicalJson(step.params)},"ready":${step.ready},"start":${step.start}}`,
  );
  const plots = plan.plots.map(
    (plot) =>
      `{"kind":${JSON.stringify(plot.kind)},"label":${JSON.stringify(plot.label)},"pane":${JSON.stringify(plot.pane)},"slot":${plot.slot}}`,
  );
  return `{"constants":${canonicalJson(plan.constants)},"feeds":${canonicalJson(plan.feeds)},"format":${JSON.stringify(plan.format)},"orders":${canonicalJson(plan.orders)},"plots":[${plots.join(",")}],"slotCount":${plan.slotCount},"steps":[${steps.join(",")}],"version":${plan.version},"warmup":${plan.warmup}}`;
}

export interface CanonicalPlan {
  json: string;
  /** SHA-256 of the UTF-8 bytes of `json`, hex. */
  hash: string;
}

/** Validates a plan against the Plan schema and writes it canonically, with its hash. */
export function canonicalPlan(plan: Plan): CanonicalPlan {
  const checked = planSchema.parse(plan);
  const json = planJson(checked);
  return { json, hash: sha256Hex(new TextEncoder().encode(json)) };
}
