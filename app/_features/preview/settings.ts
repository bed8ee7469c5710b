import { runSettings } from "@/engine-runtime/execution/settings";

/** What the preview's backtests assume: the engine's defaults, named once for the worker and the panel. */
export const PREVIEW_SETTINGS = runSettings({});
