// Admin → Distillation settings in the browser: an admin is told the range when the threshold is
// out of it, changes it (confirming that every case is recomputed), sees it saved after a reload,
// and resets to the documented default; an investigator gets "Page not found" for the page.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/browser";
import { createUser, type TestUser } from "./support/cli";

let admin: TestUser, investigator: TestUser;

test.beforeAll(() => {
  admin = createUser("ADMIN", "Dora Distill");
  investigator = createUser("INVESTIGATOR", "Ian Outside");
});

test("an admin changes the distillation threshold, sees it saved, and resets it to the default", async ({ page }) => {
  await signIn(page, admin);
  await page.goto("/admin/distillation");
  await expect(page.getByRole("heading", { level: 1, name: "Distillation settings" })).toBeVisible();
  const threshold = page.getByLabel("Flag threshold");
  await expect(threshold).toHaveValue("50");
  await expect(page.getByText("the documented default is 50 (in use)")).toBeVisible();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.accept();
  });

  await threshold.fill("0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#distillation-threshold-error")).toContainText("must be between 1 and 100");
  await expect(threshold).toBeFocused();
  expect(dialogs).toEqual([]);

  await threshold.fill("65");
  await threshold.press("Enter");
  await expect(page.getByText("Distillation settings saved").first()).toBeVisible();
  expect(dialogs).toHaveLength(1);
  expect(dialogs[0]).toContain("recomputed");
  await page.reload();
  await expect(page.getByLabel("Flag threshold")).toHaveValue("65");
  await expect(page.getByText("the documented default is 50 (in use)")).toHaveCount(0);

  await page.getByRole("button", { name: "Reset to defaults" }).click();
  await expect(page.getByText("reset to the defaults").first()).toBeVisible();
  await expect(page.getByLabel("Flag threshold")).toHaveValue("50");
  expect(dialogs).toHaveLength(2);
});

test("an investigator cannot open the distillation settings", async ({ page }) => {
  await signIn(page, investigator);
  const res = await page.goto("/admin/distillation");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByLabel("Flag threshold")).toHaveCount(0);
});
