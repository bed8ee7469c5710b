// Builds the native core during `npm install` (postinstall). A machine without a C++ compiler
// still installs: the build failure is printed as a warning and the TypeScript engine runs instead.
import { spawnSync } from "node:child_process";

if (process.env.STRATA_SKIP_NATIVE === "1") {
  console.warn(
    "[strata] STRATA_SKIP_NATIVE=1: not building the native engine; the TypeScript engine will run.",
  );
  process.exit(0);
}
const build = spawnSync("npm", ["run", "--silent", "install:native"], {
  stdio: "inherit",
  shell: process.platform === "win32",
});
if (build.status !== 0) {
  console.warn(
    "[strata] warning: the native engine did not build (see the node-gyp output above); " +
      "backtests will run on the TypeScript engine. Install a C++ compiler and make, then run `npm run install:native`.",
  );
}
