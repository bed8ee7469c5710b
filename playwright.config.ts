import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end journeys in a real Chromium against the real server (production build, embedded
 * database in a fresh folder). Debian's Chromium is used where Playwright's own browsers are absent;
 * CHROMIUM_PATH overrides it.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const debianChromium = "/usr/bin/chromium";
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        '--host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"',
      ],
    },
  },
  webServer: {
    command: "node --import tsx server/start.ts",
    url: `${baseURL}/readyz`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      STRATA_DATA_DIR: `.data/e2e-${Date.now()}`,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
