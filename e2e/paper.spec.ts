import { expect, test } from "@playwright/test";
import { snapshot } from "./screenshots";

/**
 * A trader paper trades a moving-average crossover on the replay feed from the editor, watches
 * fills arrive on the session's page, stops it, and finds it in the list of sessions.
 */
test.use({ viewport: { width: 1440, height: 960 } });

test("a trader paper trades a strategy on the replay feed, watches fills arrive and stops it", async ({
  page,
  baseURL,
}) => {
  const email = `paper.${Date.now()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);

  await page.getByRole("banner").getByRole("link", { name: "Paper" }).click();
  await expect(page.getByTestId("paper-empty")).toContainText("Open a strategy and press Paper trade");
  await snapshot(page, "paper-01-no-sessions");

  const created = await page.request.post("/api/trpc/strategies.create", {
    data: { json: { name: "Crossover on paper", starter: "moving-average-crossover" } },
    headers: { Origin: baseURL ?? "" },
  });
  expect(created.ok(), `creating a strategy from a starter answers 200 (got ${created.status()})`).toBe(true);
  const { id } = (await created.json()).result.data.json as { id: string };

  await page.goto(`/strategies/${id}`);
  const paperTrade = page.getByRole("button", { name: "Paper trade" });
  await expect(paperTrade, "the starter compiles, so it can be paper traded").toBeEnabled();
  await paperTrade.click();
  const dialog = page.getByRole("dialog", { name: "Paper trade" });
  await expect(dialog.getByLabel("Replay dataset"), "the preview's dataset is the default").toHaveValue(
    "orcl-1995-2014",
  );
  await expect(
    dialog.getByLabel("Orders go to"),
    "without an Alpaca key saved, only simulated fills are offered",
  ).toHaveCount(0);
  await dialog.getByLabel("Starting cash").fill("25000");
  await dialog.getByLabel("Speed (bars per second)").fill("0");
  await expect(dialog.getByRole("alert")).toHaveText("Speed must be between 0.01 and 100 bars per second.");
  await expect(dialog.getByRole("button", { name: "Start paper trading" })).toBeDisabled();
  await dialog.getByLabel("Speed (bars per second)").fill("100");
  await dialog.getByLabel("Fee per fill").fill("1");
  await snapshot(page, "paper-02-dialog");
  await dialog.getByRole("button", { name: "Start paper trading" }).click();

  await expect(page).toHaveURL(/\/paper\/[^/]+$/);
  const sessionUrl = page.url();
  await expect(page.getByTestId("paper-state")).toHaveText("Running");
  await expect(page.getByRole("heading", { name: "Crossover on paper" })).toBeVisible();

  // At 100 bars a second the crossover trades within seconds; fills come over the socket.
  const fills = page.getByTestId("paper-fills").locator("tbody tr");
  await expect(fills.first(), "a fill appears while the replay runs").toBeVisible({ timeout: 60_000 });
  await expect
    .poll(() => fills.count(), { message: "more fills keep arriving", timeout: 60_000 })
    .toBeGreaterThan(1);
  await expect(page.getByTestId("paper-fills")).toContainText("1.00");
  await expect(page.getByTestId("paper-equity")).not.toHaveText("25,000.00");
  await snapshot(page, "paper-03-running-with-fills");

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("paper-state")).toHaveText("Paused");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("paper-state")).toHaveText("Running");

  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("paper-state")).toHaveText("Stopped");
  await expect(page.getByRole("button", { name: "Resume" }), "a stopped session has no controls").toHaveCount(
    0,
  );
  const stoppedFills = await fills.count();
  await page.waitForTimeout(1500);
  expect(await fills.count(), "no fill arrives after the session stopped").toBe(stoppedFills);
  await snapshot(page, "paper-04-stopped");

  await page.getByRole("link", { name: "← Paper sessions" }).click();
  const listed = page.getByTestId("paper-sessions").getByRole("listitem");
  await expect(listed).toHaveCount(1);
  await expect(listed.first()).toContainText("Stopped");
  await expect(listed.first()).toContainText("Crossover on paper");
  await snapshot(page, "paper-05-list");

  // Opened again, the page draws the price line the session traded through, from stored closes.
  await page.goto(sessionUrl);
  await expect(page.getByTestId("paper-state")).toHaveText("Stopped");
  await expect
    .poll(async () => Number(await page.getByTestId("paper-chart").getAttribute("data-price-points")), {
      message: "the reopened page draws the stored closes",
    })
    .toBeGreaterThan(20);
  await snapshot(page, "paper-05b-reopened");

  // Another trader reaches nothing at the same address.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/sign-up");
  const other = `paper.other.${Date.now()}@example.com`;
  await page.getByLabel("Email").fill(other);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(other);
  await page.goto(sessionUrl);
  await expect(page.getByTestId("paper-missing")).toContainText(
    "This session does not exist or is not yours.",
  );
  await snapshot(page, "paper-06-not-yours");
});
