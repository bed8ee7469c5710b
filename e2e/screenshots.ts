import type { Page } from "@playwright/test";

/** Keeps a full-page screenshot of a journey's step under artifacts/e2e/, to be looked at. */
export async function snapshot(page: Page, name: string) {
  await page.screenshot({ path: `artifacts/e2e/${name}.png`, fullPage: true });
}
