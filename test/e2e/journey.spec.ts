// The investigator's day in a real browser against the production build: sign in, open a case,
// find it, move it through its states, write a note, keep a restricted case private, sign out.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/browser";
import { createUser, type TestUser } from "./support/cli";
import { E2E_ADMIN } from "./support/e2e-env";

async function openCase(page: Page, fields: { title: string; summary?: string; severity?: string; tags?: string; restricted?: boolean }) {
  await page.goto("/cases");
  // An empty list offers "New case" again in its empty state; either link opens the same form.
  await page.getByRole("link", { name: "New case" }).first().click();
  await page.getByLabel("Title").fill(fields.title);
  if (fields.summary) await page.getByLabel("Summary").fill(fields.summary);
  if (fields.severity) await page.getByLabel("Severity").selectOption({ label: fields.severity });
  if (fields.tags) await page.getByLabel("Tags").fill(fields.tags);
  if (fields.restricted) await page.getByLabel("Restricted").check();
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { level: 1, name: fields.title })).toBeVisible();
  // Cases created restricted number in their own series (LAN-R-YYYY-NNNN).
  await expect(page.getByTestId("toast")).toContainText(fields.restricted ? /Case LAN-R-\d{4}-\d{4} opened/ : /Case LAN-\d{4}-\d{4} opened/);
  const number = /LAN-(R-)?\d{4}-\d{4}/.exec(page.url())?.[0];
  expect(number).toBeTruthy();
  return number!;
}

test("sign-in refuses a wrong password without saying which field was wrong", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("signed-out visitors are sent to the sign-in page", async ({ page }) => {
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/login/);
});

test("an investigator opens a case, finds it, works it to closure with a note, and signs out", async ({ page }) => {
  const investigator = createUser("INVESTIGATOR", "Iris Investigator");
  await signIn(page, investigator);

  // Create, with an inline error first.
  await page.getByRole("link", { name: "New case" }).first().click();
  await page.getByLabel("Title").fill("x");
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.locator("#case-title-error")).toContainText("at least 3 characters");
  const title = `Reasoning traces harvested via ${Date.now()}`;
  const number = await openCase(page, { title, summary: "Rotating trial accounts", severity: "High", tags: "harvest, proxy" });

  // Find it by search.
  await page.goto("/cases");
  await page.getByLabel("Search cases").fill(title.slice(10, 40));
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("link", { name: number })).toBeVisible();
  await expect(page.getByText("Showing 1–1 of 1")).toBeVisible();
  await page.getByRole("link", { name: number }).click();

  // Move it through its states.
  for (const label of ["Active", "On hold", "Active", "In review"]) {
    await page.getByRole("button", { name: `Move to ${label}` }).click();
    await expect(page.getByTestId("toast").last()).toContainText(`moved to ${label}`);
  }
  // A note, rendered as markdown without raw HTML or script links.
  await page.getByLabel("Note").fill("Confirmed **shared payment** fingerprint. [open](javascript:alert(1)) <img src=x onerror=alert(1)>");
  await page.getByRole("button", { name: "Add note" }).click();
  const note = page.locator("strong", { hasText: "shared payment" });
  await expect(note).toBeVisible();
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.locator("img[onerror]")).toHaveCount(0);

  await page.getByLabel("Resolution").selectOption({ label: "Substantiated" });
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Close case" }).click();
  await expect(page.getByTestId("toast").last()).toContainText("closed");
  await expect(page.getByText("Only a manager or admin can reopen a closed case.")).toBeVisible();
  // Closed means closed: the page is read-only, with no note form left to write in.
  await expect(page.getByText(/This case is closed/)).toBeVisible();
  await expect(page.getByLabel("Note")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);

  // Sign out ends the session.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`/cases/${number}`);
  await expect(page).toHaveURL(/\/login/);
});

test("a restricted case is invisible to a second investigator and answers 404", async ({ page, browser }) => {
  const owner: TestUser = createUser("INVESTIGATOR");
  const outsider: TestUser = createUser("INVESTIGATOR");
  await signIn(page, owner);
  const title = `National-security referral ${Date.now()}`;
  const number = await openCase(page, { title, restricted: true });
  await expect(page.getByText(/Restricted$/).first()).toBeVisible();

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, outsider);
  await otherPage.goto("/cases");
  await otherPage.getByLabel("Search cases").fill(title);
  await otherPage.getByRole("button", { name: "Apply filters" }).click();
  await expect(otherPage.getByText("No cases match")).toBeVisible();
  const response = await otherPage.goto(`/cases/${number}`);
  expect(response?.status()).toBe(404);
  await expect(otherPage.getByText("Case not found")).toBeVisible();
  await other.close();
});

test("the sign-in form works from the keyboard alone", async ({ page }) => {
  await page.goto("/login");
  await page.keyboard.type(E2E_ADMIN.email); // the email field has focus on arrival
  await page.keyboard.press("Tab");
  await page.keyboard.type(E2E_ADMIN.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible();
});
