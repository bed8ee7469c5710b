import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { snapshot } from "./screenshots";

async function signUp(page: Page) {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`analyst.${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

const rows = (page: Page) => page.getByTestId("dataset-row");

test("signed-out visitors are sent to sign in from the Data page", async ({ page }) => {
  await page.goto("/data");
  await expect(page, "a user's data is private").toHaveURL(/\/sign-in$/);
});

test("a trader uploads a CSV, reads the parser's error for a broken one, and stores an API key masked", async ({
  page,
}) => {
  await signUp(page);
  await page.getByRole("banner").getByRole("link", { name: "Data" }).click();
  await expect(page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();
  await expect(page.getByTestId("datasets-empty"), "the empty state says what to do").toContainText(
    "Upload a CSV below, or add a symbol",
  );
  await expect(rows(page).filter({ hasText: "Index daily, 2006" }), "the samples are listed").toHaveCount(1);
  await expect(page.getByTestId("status-alpaca")).toContainText("Alpaca · needs a key");
  await snapshot(page, "data-01-empty");

  // Upload the sample file as the user's own dataset.
  const upload = page.getByRole("form", { name: "Upload a CSV" });
  await upload.getByLabel("File").setInputFiles("public/samples/2006-day-001.csv");
  await expect(upload.getByLabel("Name"), "the name comes from the file").toHaveValue("2006-day-001");
  await upload.getByLabel("Name").fill("My index 2006");
  await upload.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Uploaded “My index 2006”" }).first(),
  ).toBeVisible();
  const mine = rows(page).filter({ hasText: "My index 2006" });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("Upload");
  await expect(mine).toContainText("1d");
  await expect(mine).toContainText("255");
  await expect(mine).toContainText("2006-01-02 → 2006-12-29");
  await expect(page.getByTestId("datasets-empty")).toHaveCount(0);
  await snapshot(page, "data-02-uploaded");

  // A broken file: the parser's sentence names the line.
  const broken = path.join(tmpdir(), `broken-${Date.now()}.csv`);
  writeFileSync(
    broken,
    ["Date,Open,High,Low,Close,Volume", "2024-01-02,10,11,9,10.5,100", "2024-01-03,10,abc,9,10.5,100"].join(
      "\n",
    ),
  );
  await upload.getByLabel("File").setInputFiles(broken);
  await upload.getByLabel("Name").fill("broken");
  await upload.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByTestId("upload-problems")).toContainText(
    'Line 3 of broken: High "abc" is not a number.',
  );
  await snapshot(page, "data-03-broken-csv");

  // An API key is stored and shown only by its last four characters.
  const keys = page.getByRole("region", { name: "API keys" });
  await keys.getByRole("button", { name: "Save key" }).click();
  await expect(keys.getByLabel("Name")).toHaveAccessibleDescription("Give the key a name.");
  await expect(keys.getByLabel("Alpaca key id")).toHaveAccessibleDescription("Paste the whole key id.");
  await expect(keys.getByLabel("Secret key")).toHaveAccessibleDescription("Paste the whole secret key.");
  await expect(keys.getByLabel("Name"), "focus moves to the first field to fix").toBeFocused();
  await snapshot(page, "data-04-api-key-empty");
  await keys.getByLabel("Name").fill("Paper account");
  await keys.getByLabel("Alpaca key id").fill("PKE2ETESTKEY9876");
  await keys.getByLabel("Secret key").fill("e2e-secret-that-must-not-show");
  await keys.getByRole("button", { name: "Save key" }).click();
  const key = page.getByTestId("api-key");
  await expect(key).toContainText("Paper account");
  await expect(key, "masked: only the last four characters show").toContainText(/••••key ending in 9876/);
  await expect(page.locator("body"), "the key never comes back to the page").not.toContainText(
    "PKE2ETESTKEY9876",
  );
  await expect(page.locator("body")).not.toContainText("e2e-secret-that-must-not-show");
  await expect(keys.getByLabel("Secret key"), "the form is cleared").toHaveValue("");
  await expect(page.getByTestId("status-alpaca")).toContainText("Alpaca · ready");
  await snapshot(page, "data-04-api-key");

  // The add-a-symbol dialog opens from the keyboard and closes with Escape.
  await page.getByRole("button", { name: "Add a symbol" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Add a symbol" });
  await expect(dialog.getByLabel("Venue")).toBeVisible();
  await page.screenshot({ path: "artifacts/e2e/data-05-add-symbol.png" });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // The upload is a dataset the editor's preview can run on.
  const origin = new URL(page.url()).origin;
  const created = await page.request.post("/api/trpc/strategies.create", {
    headers: { origin },
    data: { json: { name: "On my data", starter: "moving-average-crossover" } },
  });
  const { id } = (await created.json()).result.data.json as { id: string };
  await page.goto(`/strategies/${id}`);
  const picker = page.getByLabel("Dataset");
  await picker.selectOption({ label: "My index 2006 · 1d" });
  await expect(page.getByText("255 bars"), "the preview ran on the uploaded bars").toBeVisible();
  await snapshot(page, "data-06-preview-on-upload");
  await page.goto("/data");

  // Deleting the upload removes it from the list.
  await mine.getByRole("button", { name: "Delete My index 2006" }).click();
  await expect(mine).toHaveCount(0);
});
