import { expect, type Page, test } from "@playwright/test";
import { snapshot } from "./screenshots";

/**
 * A new trader builds a moving-average crossover on an empty canvas, is told why a wrong
 * connection and a wrong setting are refused, sees the instant backtest, and finds the strategy
 * intact after a reload.
 */
test.use({ viewport: { width: 1680, height: 1050 } });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (page: Page, id: string, port: string) =>
  node(page, id).locator(`.react-flow__handle[data-handleid="${port}"]`);

async function centre(selector: ReturnType<typeof handle>) {
  const box = await selector.boundingBox();
  if (!box) throw new Error("The handle is not on screen.");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags an edge from an output handle to an input handle, as a user does with the mouse. */
async function connect(page: Page, from: [string, string], to: [string, string]) {
  const start = await centre(handle(page, ...from));
  const end = await centre(handle(page, ...to));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}

/** Drops a palette entry onto the canvas at a point of the pane. */
async function dropFromPalette(page: Page, type: string, x: number, y: number) {
  await page.locator(`[data-node-type="${type}"]`).dragTo(page.locator(".react-flow__pane"), {
    targetPosition: { x, y },
  });
}

test("a trader draws a moving-average crossover, is guided past mistakes, and sees it backtested", async ({
  page,
}) => {
  const email = `canvas.${Date.now()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);

  const created = await page.request.post("/api/trpc/strategies.create", {
    data: { json: { name: "Golden cross" } },
  });
  expect(created.ok(), `creating a strategy answers 200 (got ${created.status()})`).toBe(true);
  const { id } = (await created.json()).result.data.json as { id: string };

  await page.goto(`/strategies/${id}`);
  await expect(page.getByTestId("empty-canvas-hint")).toHaveText(
    "Drag a Price node from the left, or press / to search",
  );
  await expect(page.getByTestId("fix-problems").or(page.getByText("Nothing to preview yet"))).toBeVisible();
  await snapshot(page, "canvas-01-empty");
  await expect(
    page.getByRole("button", { name: "Run backtest" }),
    "an empty canvas has nothing to backtest",
  ).toBeDisabled();
  await expect(page.getByTestId("run-backtest-wrapper"), "and the button says why").toHaveAttribute(
    "title",
    "Nothing trades yet: add an Enter Long or Enter Short node first",
  );

  // The first node comes from the palette by drag and drop, the rest from the palette and quick-add.
  await dropFromPalette(page, "data.priceFeed", 140, 200);
  await expect(node(page, "priceFeed1")).toBeVisible();
  await dropFromPalette(page, "indicators.sma", 440, 90);
  await dropFromPalette(page, "indicators.sma", 440, 330);
  await dropFromPalette(page, "logic.crossesAbove", 740, 90);
  await dropFromPalette(page, "logic.crossesBelow", 740, 330);
  await dropFromPalette(page, "orders.enterLong", 1030, 90);

  await page.locator(".react-flow__pane").click({ position: { x: 1030, y: 420 } });
  await page.keyboard.press("/");
  const search = page.getByLabel("Search nodes to add");
  await expect(search).toBeFocused();
  await search.fill("exit");
  await snapshot(page, "canvas-02-quick-add");
  await page.getByRole("option", { name: /^Exit/ }).first().click();
  await expect(node(page, "exit1")).toBeVisible();
  // Quick-add puts the node in the middle of the view; move it beside Crosses Below.
  const exitHeader = node(page, "exit1").getByTestId("node-title");
  const exitBox = (await exitHeader.boundingBox())!;
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  await page.mouse.move(exitBox.x + 20, exitBox.y + 5);
  await page.mouse.down();
  await page.mouse.move(pane.x + 1000, pane.y + 320, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId("canvas-node")).toHaveCount(7);
  await snapshot(page, "canvas-03-nodes-placed");

  await connect(page, ["priceFeed1", "value"], ["sma1", "source"]);
  await connect(page, ["priceFeed1", "value"], ["sma2", "source"]);
  await connect(page, ["sma1", "value"], ["crossesAbove1", "a"]);
  await connect(page, ["sma2", "value"], ["crossesAbove1", "b"]);
  await connect(page, ["sma1", "value"], ["crossesBelow1", "a"]);
  await connect(page, ["sma2", "value"], ["crossesBelow1", "b"]);
  await connect(page, ["crossesAbove1", "result"], ["enterLong1", "when"]);
  await connect(page, ["crossesBelow1", "result"], ["exit1", "when"]);
  await expect(page.locator(".react-flow__edge")).toHaveCount(8);

  // A wrong connection: price bars into a number input. The reason shows while dragging and after.
  const start = await centre(handle(page, "priceFeed1", "bars"));
  const end = await centre(handle(page, "sma1", "source"));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x - 30, end.y, { steps: 6 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await expect(page.getByTestId("connection-refused")).toContainText(
    "A price bars (OHLCV) output cannot connect to a number series input.",
  );
  await snapshot(page, "canvas-04-wrong-connection-refused");
  await page.mouse.up();
  await expect(page.getByTestId("toast").filter({ hasText: "Not connected" })).toContainText(
    "Use the Bar Field node, or the price feed's value output",
  );
  await expect(page.locator(".react-flow__edge"), "the refused edge was not added").toHaveCount(8);

  // Double-clicking empty canvas opens quick-add; a node added by mistake is deleted, undone, redone.
  await page.locator(".react-flow__pane").dblclick({ position: { x: 600, y: 500 } });
  await page.getByLabel("Search nodes to add").fill("rsi");
  await page.keyboard.press("Enter");
  await expect(node(page, "rsi1")).toBeVisible();
  await page.keyboard.press("Delete");
  await expect(node(page, "rsi1"), "Delete removes the selected node").toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(node(page, "rsi1"), "undo brings it back").toBeVisible();
  await page.keyboard.press("Control+Shift+z");
  await expect(node(page, "rsi1"), "redo removes it again").toHaveCount(0);

  // Settings: fast SMA 10, slow SMA 30; a period of 1 is refused with the compiler's sentence.
  await node(page, "sma1").getByTestId("node-title").click();
  const inspector = page.getByTestId("inspector");
  await inspector.getByLabel("Period").fill("1");
  await expect(inspector.getByTestId("param-error")).toContainText("must be at least 2 (got 1)");
  await expect(node(page, "sma1").getByTestId("node-error-badge")).toBeVisible();
  await expect(page.getByTestId("fix-problems")).toHaveText("Fix 1 problem to see results");
  await snapshot(page, "canvas-05-invalid-parameter");
  await inspector.getByLabel("Period").fill("10");
  await expect(inspector.getByTestId("param-error")).toHaveCount(0);
  await node(page, "sma2").getByTestId("node-title").click();
  await inspector.getByLabel("Period").fill("30");
  await inspector.getByLabel("Name").fill("Slow SMA");
  await inspector.getByLabel("Name").press("Enter");
  await expect(node(page, "sma2").getByTestId("node-title")).toHaveText("Slow SMA");

  // The instant preview: metrics of the crossover on the sample data.
  await expect(page.getByTestId("problem-count")).toHaveText("0");
  await expect(page.getByTestId("preview-done")).toBeVisible();
  await expect(page.getByTestId("metric-trades")).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId("metric-total-return")).toHaveText(/^-?\d+\.\d%$/);
  await snapshot(page, "canvas-06-preview");
  await page.getByRole("tab", { name: /Trades/ }).click();
  await expect(page.locator("tbody tr").first()).toBeVisible();
  await snapshot(page, "canvas-07-trades");
  await page.getByRole("tab", { name: "Chart" }).click();

  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 20_000 });
  await page.reload();
  await expect(page.getByTestId("canvas-node")).toHaveCount(7);
  await expect(page.locator(".react-flow__edge")).toHaveCount(8);
  await expect(node(page, "sma1")).toContainText("period 10");
  await expect(node(page, "sma2")).toContainText("period 30");
  await expect(node(page, "sma2").getByTestId("node-title")).toHaveText("Slow SMA");
  await expect(page.getByTestId("metric-trades")).toHaveText(/^[1-9]\d*$/);
  await snapshot(page, "canvas-08-after-reload");

  // The full backtest runs the saved version on the server, on the dataset the preview shows.
  const previewTrades = Number(await page.getByTestId("metric-trades").textContent());
  await page.getByRole("button", { name: "Run backtest" }).click();
  const openReport = page.getByTestId("open-report");
  await expect(openReport).toBeVisible({ timeout: 60_000 });
  await openReport.click();
  await expect(page).toHaveURL(/\/backtests\/[^/]+$/);
  await expect(page.getByTestId("report-title")).toContainText("Golden cross");
  await expect(page.getByTestId("report-summary")).toContainText("Oracle (ORCL) daily");
  const tradesMetric = page.getByTestId("report-metric-trades");
  await expect(tradesMetric).toHaveText(/^[1-9][\d,]*$/);
  await expect(page.getByTestId("report-metric-total-return")).toHaveText(/^[+−]?[\d,]+\.\d\d%$/);
  await expect(page.getByTestId("report-metric-max-drawdown")).toHaveText(/^−[\d.]+%$/);
  const reportTrades = Number((await tradesMetric.textContent())?.replaceAll(",", ""));
  expect(
    reportTrades,
    "the server's backtest and the browser preview run the same plan on the same bars",
  ).toBe(previewTrades);
  const rows = page.getByTestId("report-trades").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count(), "every closed trade is listed (an open one may follow)").toBeGreaterThanOrEqual(
    Math.min(reportTrades, 200),
  );
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename(), "named after the strategy and version").toMatch(
    /^golden-cross-v\d+-trades\.csv$/,
  );
  const csv = await (await download.createReadStream()).toArray();
  const lines = Buffer.concat(csv).toString("utf8").trim().split("\r\n");
  expect(lines[0], "the CSV starts with its header").toMatch(/^direction,entry_time,entry_price,/);
  expect(lines.length - 1, "one CSV row per listed trade").toBeGreaterThanOrEqual(reportTrades);
  await snapshot(page, "canvas-09-backtest-report");

  // Export shows the strategy as code, from the editor's toolbar.
  await page.getByRole("link", { name: "← Back to the editor" }).click();
  await expect(page.getByTestId("canvas-node")).toHaveCount(7);
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByText("Export strategy as code")).toBeVisible();
  await snapshot(page, "canvas-10-export");
});
