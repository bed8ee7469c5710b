import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Metrics } from "../execution/metrics";
import type { OrderTicket } from "../execution/types";
import type { NativeNames, PackedLists } from "./packed";

/** What the C++ binding (native/binding/addon.cpp) exports. */
export interface NativeAddon {
  runBatch(planJson: string, bars: NativeBars, settingsJson?: string): NativeBatchResult;
  runSweep(
    planJsons: string[],
    bars: NativeBars,
    settingsJson?: string,
    workers?: number,
  ): Promise<NativeSweepOutcome[]>;
  /** One op's kernel over whole columns (benchmarks and kernel tests). */
  runKernel(op: string, paramsJson: string, inputs: Float64Array[], start?: number): Float64Array[];
  checkPlan(planJson: string): { ok: true } | { ok: false; unsupportedOp: boolean; error: string };
  ops(): string[];
  NativeStream: new (planJson: string, settingsJson?: string) => NativeStreamHandle;
  hardwareConcurrency: number;
  names: NativeNames;
}

export interface NativeBars {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export interface NativeBatchResult {
  bars: number;
  equity: Float64Array;
  /** Rows of (bar, cash, position) where either changes. */
  holdings: Float64Array;
  plots: Float64Array[];
  metrics: Metrics;
  lists: PackedLists;
}

export interface NativeStreamHandle {
  /** Writes what the bar did into `out` (layout in native/binding/addon.cpp); the count written, or minus the size needed. */
  pushBar(
    time: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    out: Float64Array,
  ): number;
  packLast(out: Float64Array): number;
  /** The text of a reason number from a packed event. */
  eventReason(index: number): string | undefined;
  order(id: number): OrderTicket | undefined;
  result(): NativeBatchResult & { time: Float64Array };
}

export type NativeSweepOutcome = { ok: true; metrics: Metrics } | { ok: false; error: string };

/** Where `npm install` builds the addon (node-gyp rebuild --directory native). */
export const DEFAULT_ADDON_PATH = fileURLToPath(
  new URL("../../native/build/Release/strata_native.node", import.meta.url),
);

export type AddonLoad = { ok: true; addon: NativeAddon; path: string } | { ok: false; reason: string };

const loaded = new Map<string, AddonLoad>();

/** Loads the addon once per path; a missing or broken build is a reason, not an exception. */
export function loadAddon(path: string = DEFAULT_ADDON_PATH): AddonLoad {
  let load = loaded.get(path);
  if (!load) {
    if (!existsSync(path)) {
      load = { ok: false, reason: `the native addon is not built (no ${path}; run npm run install:native)` };
    } else {
      try {
        load = { ok: true, addon: createRequire(import.meta.url)(path) as NativeAddon, path };
      } catch (error) {
        load = { ok: false, reason: `the native addon at ${path} did not load: ${(error as Error).message}` };
      }
    }
    loaded.set(path, load);
  }
  return load;
}
