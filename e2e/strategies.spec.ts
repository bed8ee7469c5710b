import { expect, type Page, test } from "@playwright/test";
import { snapshot } from "./screenshots";

async function signUp(page: Page) {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`strategist.${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** A modal's backdrop covers the viewport only, so dialogs are kept as the user sees them. */
async function viewportSnapshot(page: Page, name: string) {
  await page.screenshot({ path: `artifacts/e2e/${name}.png` });
}

const rows = (page: Page) => page.getByTestId("strategy-row");
const row = (page: Page, name: string) =>
  rows(page).filter({ has: page.getByRole("link", { name, exact: true }) });

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/strategies");
  await expect(page, "my strategies are private").toHaveURL(/\/sign-in$/);
});

test("a trader starts from a template, then renames, duplicates, finds and deletes strategies", async ({
  page,
}) => {
  await signUp(page);
  await page.getByRole("banner").getByRole("link", { name: "Strategies" }).click();
  await expect(page.getByRole("heading", { name: "My strategies" })).toBeVisible();
  await expect(page.getByTestId("strategies-empty")).toHaveText(
    "You have no strategies yet. Start from a template below or create a blank one.",
  );
  await expect(page.getByTestId("starter-moving-average-crossover")).toBeVisible();
  await snapshot(page, "strategies-01-empty-with-templates");

  // From the moving-average crossover template: the dialog suggests the template's name.
  await page.getByRole("button", { name: "Use the Moving-average crossover template" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Name")).toHaveValue("Moving-average crossover");
  await expect(dialog.getByLabel("Name"), "the name field has focus, ready to type").toBeFocused();
  await viewportSnapshot(page, "strategies-02-create-from-template");
  await dialog.getByLabel("Name").fill("Golden cross");
  await dialog.getByLabel("Name").press("Enter");
  await expect(page, "a new strategy opens in the editor").toHaveURL(/\/strategies\/[\w-]+$/);

  await page.goto("/strategies");
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, "Golden cross")).toContainText("7 nodes · version 1");
  await snapshot(page, "strategies-03-listed");

  // Rename in place: Escape keeps the old name, Enter keeps the new one.
  await page.getByRole("button", { name: "Actions for Golden cross" }).click();
  await page.getByRole("menuitem", { name: "Rename" }).click();
  const nameField = page.getByLabel("New name for Golden cross");
  await expect(nameField).toBeFocused();
  await nameField.fill("Something else");
  await nameField.press("Escape");
  await expect(row(page, "Golden cross"), "Escape cancels the rename").toBeVisible();

  await page.getByRole("button", { name: "Actions for Golden cross" }).click();
  await page.getByRole("menuitem", { name: "Rename" }).click();
  await nameField.fill("Golden cross on ORCL");
  await snapshot(page, "strategies-04-renaming");
  await nameField.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Renamed" })).toHaveText(
    "Renamed to “Golden cross on ORCL”.",
  );
  await expect(row(page, "Golden cross on ORCL")).toBeVisible();

  // Duplicate with the keyboard: Enter opens the menu on its first item, ArrowDown moves on.
  const actions = page.getByRole("button", { name: "Actions for Golden cross on ORCL" });
  await actions.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Rename" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(actions, "Escape closes the menu and gives focus back").toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Duplicate" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).first(), "the copy is the newest").toContainText("Golden cross on ORCL (copy)");
  await snapshot(page, "strategies-05-duplicated");

  // Search: % and _ are plain characters; a miss says so and offers a way back.
  const search = page.getByLabel("Search your strategies");
  await search.fill("(copy)");
  await expect(rows(page)).toHaveCount(1);
  await search.fill("100%");
  await expect(page.getByText("No strategy matches “100%”.")).toBeVisible();
  await snapshot(page, "strategies-06-search-miss");
  await page.getByRole("button", { name: "Clear the search" }).click();
  await expect(rows(page)).toHaveCount(2);

  // Delete asks first; Escape keeps the strategy.
  await page.getByRole("button", { name: "Actions for Golden cross on ORCL (copy)" }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete “Golden cross on ORCL (copy)”?" });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Cancel" }), "the safe choice has focus").toBeFocused();
  await viewportSnapshot(page, "strategies-07-confirm-delete");
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(rows(page)).toHaveCount(2);

  await page.getByRole("button", { name: "Actions for Golden cross on ORCL (copy)" }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  await confirm.getByRole("button", { name: "Delete strategy" }).click();
  await expect(confirm).toBeHidden();
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: "Deleted" })).toHaveText(
    "Deleted “Golden cross on ORCL (copy)”.",
  );

  // A blank strategy needs a name.
  await page.getByRole("button", { name: "New strategy" }).click();
  const blank = page.getByRole("dialog", { name: "New strategy" });
  await blank.getByLabel("Name").press("Enter");
  await expect(blank.getByText("Give the strategy a name.")).toBeVisible();
  await viewportSnapshot(page, "strategies-08-blank-needs-a-name");
  await blank.getByLabel("Name").fill("Blank idea");
  await blank.getByLabel("Name").press("Enter");
  await expect(page).toHaveURL(/\/strategies\/[\w-]+$/);
  await page.goto("/strategies");
  await expect(row(page, "Blank idea")).toContainText("0 nodes · version 1");
  await expect(rows(page)).toHaveCount(2);
  await snapshot(page, "strategies-09-final-list");
  await page.getByRole("button", { name: "Use dark theme" }).click();
  await snapshot(page, "strategies-10-final-list-dark");
});
