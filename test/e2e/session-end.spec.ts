// After sign-out, the old session cookie is worth nothing anywhere, next-auth's own
// GET /api/auth/session included (it used to answer from the signed cookie alone).
import { expect, test } from "@playwright/test";
import { signIn } from "./support/browser";
import { createUser } from "./support/cli";

test("GET /api/auth/session answers an empty session for a signed-out cookie", async ({ page, playwright, baseURL }) => {
  const user = createUser("INVESTIGATOR");
  await signIn(page, user);
  const live = await (await page.request.get("/api/auth/session")).json();
  expect(live.user?.email).toBe(user.email);
  const cookieHeader = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The cookie as it was before sign-out, replayed by another client.
  const replay = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: cookieHeader } });
  const res = await replay.get("/api/auth/session");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({});
  expect((await replay.get("/api/v1/cases")).status()).toBe(401);
  await replay.dispose();
});
