import { expect, test } from "@playwright/test";
import { snapshot } from "./screenshots";

test("a trader signs up, stays signed in across a reload, signs out and signs back in", async ({ page }) => {
  const email = `trader.${Date.now()}@example.com`;
  const password = "correct horse battery";

  await page.goto("/");
  await expect(page.getByTestId("home-title")).toHaveText("Draw a strategy. See it trade.");
  await snapshot(page, "auth-01-home-signed-out");

  const header = page.getByRole("banner");
  await header.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  const newPassword = page.getByLabel("Password");
  await expect(newPassword, "the problem sits beside its field").toHaveAttribute("aria-invalid", "true");
  await expect(newPassword).toHaveAccessibleDescription(
    /^Use at least 10 characters for your password \(it has 5\)\./,
  );
  await expect(newPassword, "focus moves to the field to fix").toBeFocused();
  await expect(
    page.locator("form").getByRole("alert"),
    "a field's problem is not in the form's box",
  ).toHaveCount(0);
  await snapshot(page, "auth-02-sign-up-weak-password");

  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await expect(page.getByTestId("home-title")).toHaveText("Welcome back.");
  await snapshot(page, "auth-03-signed-in");

  await page.reload();
  await expect(page.getByTestId("signed-in-as"), "the session cookie survives a reload").toHaveText(email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

  await header.getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter your email address.");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Enter your password.");
  await expect(page.getByLabel("Email"), "focus moves to the first field to fix").toBeFocused();
  await expect(page.locator("form").getByRole("alert")).toHaveCount(0);
  await snapshot(page, "auth-05-sign-in-empty");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is incorrect.");
  await expect(page.getByLabel("Email"), "a wrong password keeps what was typed").toHaveValue(email);
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
  await snapshot(page, "auth-04-wrong-password");

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
});

test("the node catalogue lists every building block with its help", async ({ page }) => {
  await page.goto("/nodes");
  await expect(page.getByRole("heading", { name: "Node catalogue" })).toBeVisible();
  await expect(page.getByText("indicators.sma")).toBeVisible();
  await page.getByLabel("Search nodes").fill("zzzz-nothing");
  await expect(page.getByText("No node matches")).toBeVisible();
  await page.getByLabel("Search nodes").fill("moving average");
  await expect(page.getByText("indicators.sma")).toBeVisible();
  await snapshot(page, "catalogue-01-search");
});
