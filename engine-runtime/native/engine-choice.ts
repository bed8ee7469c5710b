/**
 * Which engine runs plans: `STRATA_ENGINE=ts|native` forces one; unset (or "auto") uses the native
 * core when it is built and falls back to TypeScript otherwise. `STRATA_NATIVE_ADDON` points at
 * another build of the addon (the sanitizer build does). The one place this folder reads the environment.
 */
export type EngineChoice = "auto" | "ts" | "native";

export interface EngineEnvironment {
  engine: EngineChoice;
  addonPath: string | undefined;
}

export function engineEnvironment(env: NodeJS.ProcessEnv = process.env): EngineEnvironment {
  const raw = (env.STRATA_ENGINE ?? "").trim().toLowerCase();
  if (raw !== "" && raw !== "auto" && raw !== "ts" && raw !== "native") {
    throw new Error(`STRATA_ENGINE is "${env.STRATA_ENGINE}"; set it to "ts", "native" or leave it unset.`);
  }
  return { engine: (raw || "auto") as EngineChoice, addonPath: env.STRATA_NATIVE_ADDON || undefined };
}
