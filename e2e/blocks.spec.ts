import { expect, type Page, test } from "@playwright/test";
import { snapshot } from "./screenshots";

/**
 * A trader folds the crossover's averages and crosses into one block, then tunes the block's fast
 * period from the inspector and sees the preview trade more often.
 */
test.use({ viewport: { width: 1680, height: 1050 } });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

async function previewTrades(page: Page): Promise<number> {
  const metric = page.getByTestId("metric-trades");
  await expect(metric).toHaveText(/^\d[\d,]*$/, { timeout: 30_000 });
  return Number((await metric.textContent())?.replaceAll(",", ""));
}

test("a trader groups the crossover into a block and tunes it from the inspector", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`blocks.${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  const created = await page.request.post("/api/trpc/strategies.create", {
    data: { json: { name: "Crossover block", starter: "moving-average-crossover" } },
  });
  expect(created.ok(), `creating a strategy answers 200 (got ${created.status()})`).toBe(true);
  const { id } = (await created.json()).result.data.json as { id: string };
  await page.goto(`/strategies/${id}`);
  await expect(page.getByTestId("canvas-node")).toHaveCount(7);
  const before = await previewTrades(page);

  await node(page, "fast").click();
  for (const other of ["slow", "goldenCross", "deathCross"]) {
    await node(page, other).click({ modifiers: ["Shift"] });
  }
  await page.getByRole("button", { name: "Group into block" }).click();
  await page.getByLabel("Block name").fill("Crossover");
  await page.getByRole("button", { name: "Group", exact: true }).click();
  await expect(page.getByTestId("canvas-node"), "four nodes became one block").toHaveCount(4);

  const settings = page.getByTestId("block-settings");
  await expect(settings, "the new block is selected and shows its settings").toBeVisible();
  const fast = settings.getByLabel("Fast SMA period");
  await expect(fast, "the block keeps the fast average's 10").toHaveValue("10");
  await expect(await previewTrades(page), "grouping alone changes no trade").toBe(before);

  await fast.fill("25");
  await expect
    .poll(() => previewTrades(page), {
      message: "averages 25 and 30 bars long cross more often than 10 and 30",
      timeout: 30_000,
    })
    .toBeGreaterThan(before);
  await snapshot(page, "blocks-01-tuned");
});
