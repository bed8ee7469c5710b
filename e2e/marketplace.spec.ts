import { expect, test } from "@playwright/test";
import { snapshot } from "./screenshots";

test("a trader browses the marketplace, searches, opens a template and forks it", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Marketplace" }).click();
  await expect(page.getByRole("heading", { name: "Marketplace" })).toBeVisible();
  const cards = page.getByTestId("template-card");
  await expect(cards.first(), "the seeded templates are there on first start").toBeVisible({
    timeout: 60_000,
  });
  expect(await cards.count(), "a full first page of templates").toBe(24);
  await snapshot(page, "marketplace-01-browse");

  await page.getByLabel("Search templates").fill("turtle");
  await expect(cards).toHaveCount(2);
  await expect(page.getByText("2 templates match")).toBeVisible();
  await snapshot(page, "marketplace-02-search");

  await page.getByLabel("Search templates").fill("no such strategy qwxz");
  await expect(page.getByText("No template matches “no such strategy qwxz”.")).toBeVisible();
  await snapshot(page, "marketplace-03-empty");
  await page.getByRole("button", { name: "Clear search and filters" }).click();

  await page.getByLabel("Uses node").selectOption({ label: "Markov Regime (1)" });
  await expect(cards).toHaveCount(1);
  await cards.first().getByRole("link", { name: "Markov regime switch" }).click();

  await expect(page.getByRole("heading", { name: "Markov regime switch" })).toBeVisible();
  await expect(page.getByTestId("template-description")).toContainText("three regimes");
  await expect(page.getByRole("img", { name: /Equity on Oracle/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Strategy graph with \d+ nodes/ })).toBeVisible();
  await expect(page.getByTestId("similar-strategies").getByRole("link").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to fork this strategy" })).toBeVisible();
  await snapshot(page, "marketplace-04-template");

  // Sign up, come back, fork.
  const email = `forker.${Date.now()}@example.com`;
  const templateUrl = page.url();
  await page.getByRole("banner").getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await page.goto(templateUrl);
  await page.getByRole("button", { name: "4 stars" }).click();
  await expect(page.getByText(/4\.0 ★ \(1 rating\)/)).toBeVisible();
  await page.getByRole("button", { name: "Fork into my strategies" }).click();
  await expect(page).toHaveURL(/\/strategies\/[^/]+$/);
  await snapshot(page, "marketplace-05-forked");

  await page.goto("/strategies");
  await expect(page.getByTestId("strategy-row").filter({ hasText: "Markov regime switch" })).toBeVisible();
  await snapshot(page, "marketplace-06-my-strategies");

  // Publish the fork: the description carries a script payload, which must arrive as text.
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  await page.goto("/marketplace/publish");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByLabel("Title")).toHaveAccessibleDescription(
    "Give the template a title of at least 3 characters.",
  );
  await expect(page.getByLabel("Description (Markdown)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title"), "focus moves to the first field to fix").toBeFocused();
  await page.getByLabel("Title").fill("My Markov regime copy");
  await page
    .getByLabel("Description (Markdown)")
    .fill(
      "Same idea, **my way**.\n\n<script>alert('xss')</script> <img src=x onerror=alert(1)> [site](javascript:alert(2))",
    );
  await page.getByLabel("Tags, separated by commas").fill("regime, copy");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/This is nearly the same strategy as/)).toContainText("Markov regime switch");
  await snapshot(page, "marketplace-08-published");
  await page.getByRole("link", { name: "Open the template" }).click();
  const description = page.getByTestId("template-description");
  await expect(description).toContainText("<script>alert('xss')</script>");
  await expect(description.locator("script, img")).toHaveCount(0);
  await expect(description.getByRole("link")).toHaveCount(0);
  await expect(description.locator("strong")).toHaveText("my way");
  expect(dialogs, "no payload ran").toBe(0);
  await snapshot(page, "marketplace-09-own-template");
});

test("an unknown template id gives a readable error", async ({ page }) => {
  await page.goto("/marketplace/does-not-exist");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "This template does not exist or is not published.",
  );
  await snapshot(page, "marketplace-07-not-found");
});
