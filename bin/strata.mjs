#!/usr/bin/env node
// The `strata` command line. TypeScript sources run through tsx, so no build step is needed.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../engine-runtime/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
