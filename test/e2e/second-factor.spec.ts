// The TOTP second factor in the browser: an investigator enrols on the profile page (the code is
// computed here with otplib from the secret the page shows), signs out, signs in with password and
// code, then with a recovery code, and the same recovery code is refused the second time.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { generate } from "otplib";
import { signIn } from "./support/browser";
import { createUser } from "./support/cli";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function passwordStep(page: Page, user: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Authentication code")).toBeVisible();
}

/** Enrols on the profile page; answers the secret and the first recovery code. */
async function enrol(page: Page) {
  await page.goto("/settings/profile");
  await page.getByRole("button", { name: "Set up second factor" }).click();
  await expect(page.getByRole("img", { name: "QR code of the authenticator secret" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on second factor" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByText("10 recovery codes left")).toBeVisible();
  return { secret, recovery };
}

test("enrol a second factor, sign in with a code, and with a recovery code exactly once", async ({ page }) => {
  const user = createUser("INVESTIGATOR");
  await signIn(page, user);
  const { secret, recovery } = await enrol(page);
  await signOut(page);

  // Password, then the code: the enrolment spent this step's code, so the next step's (accepted ±1).
  await passwordStep(page, user);
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Invalid code.")).toBeVisible();
  await page.getByLabel("Authentication code").fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await signOut(page);

  // A recovery code signs in once…
  await passwordStep(page, user);
  await page.getByLabel("Authentication code").fill(recovery);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await signOut(page);

  // …and not a second time.
  await passwordStep(page, user);
  await page.getByLabel("Authentication code").fill(recovery);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Invalid code.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

async function setRequireForEveryone(page: Page, on: boolean) {
  await page.goto("/admin/security");
  await page.getByLabel("Require a second factor of every user").setChecked(on);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(on ? "Everyone must now have a second factor" : "A second factor is optional for non-admins")).toBeVisible();
}

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

// The suite's server runs with LANTERN_REQUIRE_TOTP_FOR_ADMINS=false (its admins have none); the
// same hold, by the admin setting, for everyone. Workers: 1, so no other spec runs meanwhile.
test("with the admin setting on, a user without a second factor is held on the set-up page until enrolled", async ({ page, browser }) => {
  const admin = createUser("ADMIN");
  await signIn(page, admin);
  await enrol(page); // so the admin is not held once the setting is on
  await setRequireForEveryone(page, true);
  try {
    const other = await newPage(browser);
    const user = createUser("INVESTIGATOR");
    await other.goto("/login");
    await other.getByLabel("Email").fill(user.email);
    await other.getByLabel("Password").fill(user.password);
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other).toHaveURL(/\/second-factor$/);
    await other.goto("/cases");
    await expect(other).toHaveURL(/\/second-factor$/);
    expect((await other.request.get("/api/v1/cases")).status()).toBe(401);
    await expect(other.getByText("Your account needs a second factor")).toBeVisible();
    await other.getByRole("button", { name: "Set up second factor" }).click();
    const secret = (await other.getByTestId("totp-secret").textContent())!.trim();
    await other.getByLabel("Code from the app").fill(await generate({ secret }));
    await other.getByRole("button", { name: "Turn on second factor" }).click();
    await other.getByRole("link", { name: "I have saved my recovery codes" }).click();
    await expect(other).toHaveURL(/\/$/);
    expect((await other.request.get("/api/v1/cases")).status()).toBe(200);
    await other.context().close();
  } finally {
    await setRequireForEveryone(page, false);
  }
});

// Issue 15: a user who lost the device and the recovery codes. An admin resets the factor in
// Admin → Users (after a confirmation); the user's open session ends, and at the next sign-in the
// password alone is enough and the user is held on the set-up page (the everyone setting requires
// one), as at a first enrolment.
test("an admin resets a user's second factor: the user is signed out and asked to set one up again", async ({ page, browser }) => {
  const admin = createUser("ADMIN");
  await signIn(page, admin);
  await enrol(page); // so the admin is not held once the setting is on
  const other = await newPage(browser);
  const user = createUser("INVESTIGATOR");
  await signIn(other, user);
  await enrol(other);
  await setRequireForEveryone(page, true);
  try {
    await page.goto("/admin/users");
    const row = page.getByRole("row").filter({ hasText: user.email });
    await expect(row.getByText("On", { exact: true })).toBeVisible();
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await row.getByRole("button", { name: "Reset" }).click();
    await expect(page.getByText(`${user.email}'s second factor was reset`)).toBeVisible();
    expect(asked).toContain(`Reset the second factor of ${user.email}?`);
    await expect(row.getByText("Off", { exact: true })).toBeVisible();

    // The user's session ended; the password alone signs in, onto the set-up page.
    await other.goto("/cases");
    await expect(other).toHaveURL(/\/login/);
    await other.getByLabel("Email").fill(user.email);
    await other.getByLabel("Password").fill(user.password);
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other).toHaveURL(/\/second-factor$/);
    await expect(other.getByText("Your account needs a second factor")).toBeVisible();
    await other.context().close();
  } finally {
    await setRequireForEveryone(page, false);
  }
});
