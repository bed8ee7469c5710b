import { catalogue } from "@/nodes/catalogue";
import type { Registry } from "@/nodes/core/registry";
import type { Bar, BarColumns } from "../data/bars";
import { stepColumn } from "../execution/ledger";
import { drawdownCurve, type Metrics } from "../execution/metrics";
import { type RunSettings, type RunSettingsInput, runSettings } from "../execution/settings";
import type { Fill, OrderEvent, OrderTicket, Trade } from "../execution/types";
import { runBatch } from "../executor/batch";
import type { BacktestResult } from "../executor/result";
import { createStream, type PlanStream } from "../executor/stream";
import { type Plan, planSchema } from "../plan/schema";
import {
  type AddonLoad,
  DEFAULT_ADDON_PATH,
  loadAddon,
  type NativeAddon,
  type NativeBatchResult,
} from "./addon";
import { type EngineChoice, engineEnvironment } from "./engine-choice";
import { unpackEvents, unpackFills, unpackOrders, unpackOutcome, unpackTrades } from "./packed";
import { type StepParams, withParams } from "./sweep-plans";

/**
 * The Node-only edge to the native C++ core (native/). Every function checks its arguments on the
 * JS side before crossing the boundary once; the C++ side checks them again. Plans with an op the
 * core does not compute yet run on the TypeScript engine, with a log line saying so.
 */

export type EngineName = "native" | "ts";

export interface EngineOptions {
  /** Overrides STRATA_ENGINE: "native" fails when the addon is missing, "ts" never loads it. */
  engine?: EngineChoice;
  addonPath?: string;
  /** Where the one line saying which engine runs goes; console.info by default. */
  log?: (line: string) => void;
  registry?: Registry;
}

const announced = new Set<string>();

function logOnce(log: (line: string) => void, line: string): void {
  if (announced.has(line)) return;
  announced.add(line);
  log(line);
}

/** The addon when it should run, null when the TypeScript engine should; throws when "native" is forced but missing. */
export function nativeAddon(options: EngineOptions = {}): NativeAddon | null {
  const environment = engineEnvironment();
  const engine = options.engine ?? environment.engine;
  const log = options.log ?? ((line: string) => console.info(line));
  if (engine === "ts") {
    logOnce(log, "[strata] engine: TypeScript (STRATA_ENGINE=ts)");
    return null;
  }
  const load: AddonLoad = loadAddon(options.addonPath ?? environment.addonPath ?? DEFAULT_ADDON_PATH);
  if (!load.ok) {
    if (engine === "native") throw new Error(`STRATA_ENGINE=native, but ${load.reason}.`);
    logOnce(log, `[strata] engine: TypeScript (${load.reason})`);
    return null;
  }
  logOnce(log, `[strata] engine: native C++ (${load.path})`);
  return load.addon;
}

/** A plan and settings as the binding takes them: validated, params normalised, as JSON. */
function prepare(plan: Plan, settings: RunSettingsInput, registry: Registry) {
  const checked = planSchema.parse(plan);
  const steps = checked.steps.map((step, index) => {
    const found = registry.lookup(step.op);
    if (!found.ok) throw new Error(`Step ${index + 1} of the plan: ${found.reason}`);
    return { ...step, params: found.definition.params.parse(step.params) as Record<string, unknown> };
  });
  const resolved = runSettings(settings);
  return {
    planJson: JSON.stringify({ ...checked, steps }),
    resolved,
    settingsJson: JSON.stringify(resolved),
  };
}

function checkBars(bars: BarColumns): void {
  const n = bars.time?.length;
  for (const field of ["time", "open", "high", "low", "close", "volume"] as const) {
    const column = bars[field];
    if (!(column instanceof Float64Array))
      throw new Error(`The bars' ${field} column must be a Float64Array.`);
    if (column.length !== n) {
      throw new Error("The bar columns differ in length; every field needs one value per bar.");
    }
  }
}

/** Whether an error from the binding means "this plan uses an op the core lacks" (run it on TypeScript). */
function isUnsupported(error: unknown): error is Error {
  return error instanceof Error && (error as Error & { code?: string }).code === "STRATA_UNSUPPORTED_OP";
}

/**
 * The report of a native run, shaped like the TypeScript engine's: the drawdown curve and the
 * trade, fill, order and event lists become objects on first read (a run of millions of bars packs
 * hundreds of thousands of rows, and many callers read only the metrics and the equity curve).
 */
function toResult(
  addon: NativeAddon,
  plan: Plan,
  raw: NativeBatchResult,
  time: Float64Array,
  settings: RunSettings,
): BacktestResult {
  const { lists } = raw;
  const { names } = addon;
  let drawdown: Float64Array | undefined;
  let cash: Float64Array | undefined;
  let position: Float64Array | undefined;
  const { holdings } = raw;
  const holding = (field: 1 | 2, initial: number) =>
    stepColumn(
      raw.bars,
      initial,
      holdings.length / 3,
      (k) => holdings[3 * k],
      (k) => holdings[3 * k + field],
    );
  let trades: Trade[] | undefined;
  let fills: Fill[] | undefined;
  let orders: OrderTicket[] | undefined;
  let events: OrderEvent[] | undefined;
  return {
    bars: raw.bars,
    time,
    equity: raw.equity,
    get cash() {
      cash ??= holding(1, settings.initialCash);
      return cash;
    },
    get position() {
      position ??= holding(2, 0);
      return position;
    },
    get drawdown() {
      drawdown ??= drawdownCurve(raw.equity);
      return drawdown;
    },
    metrics: raw.metrics,
    get trades() {
      trades ??= unpackTrades(lists.trades, names);
      return trades;
    },
    openTrades: unpackTrades(lists.openTrades, names),
    get fills() {
      fills ??= unpackFills(lists.fills, names);
      return fills;
    },
    get orders() {
      orders ??= unpackOrders(lists.orders, names);
      return orders;
    },
    get events() {
      events ??= unpackEvents(lists.events, lists.reasons, names);
      return events;
    },
    series: plan.plots.map((plot, k) => ({ ...plot, values: raw.plots[k] })),
    settings,
  };
}

/** A batch backtest on the native core; throws when the addon is missing or the plan uses an op it lacks. */
export function runNativeBatch(
  plan: Plan,
  bars: BarColumns,
  settings: RunSettingsInput = {},
  options: EngineOptions = {},
): BacktestResult {
  const addon = nativeAddon({ ...options, engine: "native" })!;
  checkBars(bars);
  const { planJson, resolved, settingsJson } = prepare(plan, settings, options.registry ?? catalogue);
  const raw = addon.runBatch(planJson, bars, settingsJson);
  return toResult(addon, plan, raw, bars.time, resolved);
}

/**
 * The one entry point for backtests (the server's backtest worker calls this): the native core
 * when it is built and computes every op of the plan, else the TypeScript engine.
 */
export function runBacktest(
  plan: Plan,
  bars: BarColumns,
  settings: RunSettingsInput = {},
  options: EngineOptions = {},
): BacktestResult & { engine: EngineName } {
  const addon = nativeAddon(options);
  const registry = options.registry ?? catalogue;
  if (addon) {
    checkBars(bars);
    const { planJson, resolved, settingsJson } = prepare(plan, settings, registry);
    try {
      return {
        ...toResult(addon, plan, addon.runBatch(planJson, bars, settingsJson), bars.time, resolved),
        engine: "native",
      };
    } catch (error) {
      if (!isUnsupported(error)) throw error;
      (options.log ?? console.info)(`[strata] ${error.message} Running this plan on the TypeScript engine.`);
    }
  }
  return { ...runBatch(plan, bars, settings, registry), engine: "ts" };
}

/** A streaming session on the native core, with the same interface as the TypeScript PlanStream. */
export function createNativeStream(
  plan: Plan,
  settings: RunSettingsInput = {},
  options: EngineOptions = {},
): PlanStream {
  const addon = nativeAddon({ ...options, engine: "native" })!;
  const { planJson, resolved, settingsJson } = prepare(plan, settings, options.registry ?? catalogue);
  const handle = new addon.NativeStream(planJson, settingsJson);
  let out = new Float64Array(1024);
  return {
    pushBar: (bar: Bar) => {
      let count = handle.pushBar(bar.time, bar.open, bar.high, bar.low, bar.close, bar.volume, out);
      if (count < 0) {
        out = new Float64Array(-count * 2);
        count = handle.packLast(out);
      }
      return unpackOutcome(out, addon.names, (index) => handle.eventReason(index));
    },
    order: (id: number) => handle.order(id),
    result: () => {
      const raw = handle.result();
      return toResult(addon, plan, raw, raw.time, resolved);
    },
  };
}

/** A session for paper and live trading: native when it can run the plan, TypeScript otherwise. */
export function createSession(
  plan: Plan,
  settings: RunSettingsInput = {},
  options: EngineOptions = {},
): PlanStream & { engine: EngineName } {
  const addon = nativeAddon(options);
  if (addon) {
    try {
      return { ...createNativeStream(plan, settings, options), engine: "native" };
    } catch (error) {
      if (!isUnsupported(error)) throw error;
      (options.log ?? console.info)(
        `[strata] ${error.message} Running this session on the TypeScript engine.`,
      );
    }
  }
  return { ...createStream(plan, settings, options.registry ?? catalogue), engine: "ts" };
}

export type SweepOutcome = { ok: true; metrics: Metrics } | { ok: false; error: string };

export interface SweepOptions extends EngineOptions {
  /** Threads for the native sweep; 0 or absent means every hardware core. */
  workers?: number;
}

/**
 * Evaluates one plan under many parameter sets over the same bars and returns each set's metrics,
 * in order. Each set maps a step index to the params it changes; warm-ups are recomputed.
 * Native sweeps run across threads without blocking the event loop; the fallback runs in turn.
 */
export async function runSweep(
  plan: Plan,
  bars: BarColumns,
  settings: RunSettingsInput,
  sets: readonly StepParams[],
  options: SweepOptions = {},
): Promise<SweepOutcome[]> {
  const registry = options.registry ?? catalogue;
  const workers = options.workers ?? 0;
  if (!Number.isInteger(workers) || workers < 0 || workers > 256) {
    throw new Error(
      `The sweep's worker count must be a whole number from 0 (all cores) to 256; it is ${workers}.`,
    );
  }
  const plans = sets.map((set) => withParams(plan, set, registry));
  const addon = nativeAddon(options);
  if (addon) {
    checkBars(bars);
    try {
      const prepared = plans.map((variant) => prepare(variant, settings, registry));
      return await addon.runSweep(
        prepared.map((p) => p.planJson),
        bars,
        prepared[0]?.settingsJson ?? JSON.stringify(runSettings(settings)),
        workers,
      );
    } catch (error) {
      if (!isUnsupported(error)) throw error;
      (options.log ?? console.info)(`[strata] ${error.message} Running this sweep on the TypeScript engine.`);
    }
  }
  return plans.map((variant) => {
    try {
      return { ok: true, metrics: runBatch(variant, bars, settings, registry).metrics };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  });
}

export type { EngineChoice } from "./engine-choice";
export { type StepParams, withParams } from "./sweep-plans";
