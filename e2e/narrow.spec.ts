import { expect, type Locator, type Page, test } from "@playwright/test";
import { snapshot } from "./screenshots";

/**
 * On a phone (390 × 844) no page is wider than the screen, a signed-out visitor sees Sign in,
 * the navigation folds into a keyboard-friendly menu, and the editor keeps a real canvas with
 * Run backtest and Paper trade on screen.
 */
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

async function expectFits(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${page.url()} fits a ${PHONE.width} px screen`).toBeLessThanOrEqual(PHONE.width);
}

/** Opens a page and waits for what it loads, so the width is measured on the finished page. */
async function visit(page: Page, path: string, loaded: Locator = page.getByRole("heading", { level: 1 })) {
  await page.goto(path);
  await expect(loaded.first()).toBeVisible();
  await expectFits(page);
}

test("signed out on a phone: pages fit, Sign in is on screen, the menu works from the keyboard", async ({
  page,
}) => {
  const banner = page.getByRole("banner");
  for (const path of ["/", "/sign-in", "/sign-up", "/nodes"]) {
    await visit(page, path);
    await expect(banner.getByRole("link", { name: "Sign in", exact: true })).toBeInViewport();
    await expect(banner.getByRole("link", { name: "Sign up", exact: true })).toBeInViewport();
  }
  await visit(page, "/marketplace", page.getByTestId("template-card"));
  await snapshot(page, "narrow-01-marketplace-signed-out");

  const menu = banner.getByRole("button", { name: "Menu" });
  const firstLink = banner.getByRole("link", { name: "Marketplace" });
  await expect(firstLink, "the links fold into the menu").toBeHidden();
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(firstLink, "focus moves to the first link").toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu, "Escape hands focus back to the button").toBeFocused();
  await page.keyboard.press("Space");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page, "the second link was Node catalogue").toHaveURL(/\/nodes$/);
  await expect(menu, "a new page closes the menu").toHaveAttribute("aria-expanded", "false");
});

test("signed in on a phone: pages fit, the editor keeps its canvas and runs a backtest", async ({
  page,
  baseURL,
}) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`narrow.${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();

  const created = await page.request.post("/api/trpc/strategies.create", {
    data: { json: { name: "Crossover on a phone", starter: "moving-average-crossover" } },
    headers: { Origin: baseURL ?? "" },
  });
  expect(created.ok(), `creating a strategy answers 200 (got ${created.status()})`).toBe(true);
  const { id } = (await created.json()).result.data.json as { id: string };

  await visit(page, "/");
  await visit(page, "/strategies", page.getByTestId("strategy-row"));
  await visit(page, "/data", page.getByTestId("dataset-row"));
  await visit(page, "/marketplace", page.getByTestId("template-card"));
  await visit(page, "/nodes");
  await visit(page, "/marketplace/publish");

  await visit(page, `/strategies/${id}`, page.locator(".react-flow__node"));
  const canvas = await page.locator(".strata-canvas").boundingBox();
  expect(canvas?.width, "the canvas spans the phone's width").toBeGreaterThanOrEqual(PHONE.width - 1);
  expect(canvas?.height, "the canvas is tall enough to draw on").toBeGreaterThanOrEqual(300);
  const run = page.getByRole("button", { name: "Run backtest" });
  await expect(run).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole("button", { name: "Paper trade" })).toBeInViewport({ ratio: 1 });
  await snapshot(page, "narrow-02-editor");

  await expect(run).toBeEnabled();
  await run.click();
  const openReport = page.getByTestId("open-report");
  await expect(openReport).toBeInViewport({ timeout: 60_000 });
  await openReport.click();
  await expect(page).toHaveURL(/\/backtests\/[^/]+$/);
  await expect(page.getByTestId("report-trades"), "the trades table scrolls inside its card").toBeVisible();
  await expectFits(page);
  await snapshot(page, "narrow-03-report");

  const started = await page.request.post("/api/trpc/paper.start", {
    data: { json: { strategyId: id, dataset: "sample:orcl-1995-2014", settings: { barsPerSecond: 100 } } },
    headers: { Origin: baseURL ?? "" },
  });
  expect(started.ok(), `starting a paper session answers 200 (got ${started.status()})`).toBe(true);
  const session = (await started.json()).result.data.json as { id: string };
  await page.goto(`/paper/${session.id}`);
  const fills = page.getByTestId("paper-fills").locator("tbody tr");
  await expect(fills.first(), "a fill arrives while the replay runs").toBeVisible({ timeout: 60_000 });
  await expectFits(page);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("paper-state")).toHaveText("Stopped");
  await snapshot(page, "narrow-04-paper-session");
  await visit(page, "/paper", page.getByTestId("paper-sessions"));
});
