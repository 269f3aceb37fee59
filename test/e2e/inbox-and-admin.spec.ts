// The inbox and the admin pages of the background machinery in the browser: a user added to a
// case finds it in the inbox (counted in the navigation) and marks it read; an admin saves the
// webhook URL and secret, sends a test event that a receiver on loopback gets signed, and sees the
// delivery in the log and its job under Background jobs.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/browser";
import { createToken, createUser, type TestUser } from "./support/cli";
import { E2E_DATA_DIR } from "./support/e2e-env";

let manager: TestUser, investigator: TestUser, admin: TestUser;

test.beforeAll(() => {
  manager = createUser("MANAGER", "Mona Manager");
  investigator = createUser("INVESTIGATOR", "Ivo Inbox");
  admin = createUser("ADMIN", "Ada Admin");
});

function userId(email: string): string {
  const db = new Database(path.join(E2E_DATA_DIR, "lantern.db"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(email) as { id: string }).id;
  } finally {
    db.close();
  }
}

test("a user added to a case sees it in the inbox, counted in the navigation, and marks it read", async ({ page }) => {
  const token = createToken(manager.email);
  const res = await page.request.post("/api/v1/cases", {
    headers: { Authorization: `Bearer ${token}` },
    data: { title: "Inbox journey", memberIds: [userId(investigator.email)] },
  });
  expect(res.status()).toBe(201);
  const { number } = (await res.json()) as { number: string };

  await signIn(page, investigator);
  const inboxLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Inbox/ });
  await expect(inboxLink).toContainText("1");
  await inboxLink.click();
  const list = page.getByRole("list", { name: "Notifications" });
  const item = list.getByRole("listitem").filter({ hasText: `You were added to case ${number}: Inbox journey` });
  await expect(item).toContainText("Unread");
  await item.getByRole("button", { name: "Mark as read" }).click();
  await expect(item).not.toContainText("Unread");
  await expect(inboxLink).not.toContainText("1");
  await item.getByRole("link", { name: new RegExp(number) }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${number}$`));
});

test("an admin configures the webhook, sends a signed test event and sees it delivered and its job done", async ({ page }) => {
  const SECRET = "e2e-webhook-secret-0123456789";
  const got: { event: string; delivery: string; ok: boolean }[] = [];
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const { t, v1 } = Object.fromEntries(String(req.headers["x-lantern-signature"]).split(",").map((p) => p.split("=", 2)));
      const mac = Buffer.from(createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex"));
      const ok = Math.abs(Date.now() / 1000 - Number(t)) <= 300 && mac.length === Buffer.from(v1).length && timingSafeEqual(mac, Buffer.from(v1));
      got.push({ event: String(req.headers["x-lantern-event"]), delivery: String(req.headers["x-lantern-delivery"]), ok });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    await signIn(page, admin);
    await page.goto("/admin/webhook");
    await page.getByLabel("URL").fill(url);
    await page.getByLabel("Signing secret").fill(SECRET);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Webhook settings saved")).toBeVisible();
    await page.getByRole("button", { name: "Send a test event" }).click();
    await expect.poll(() => got.length, { timeout: 20_000 }).toBe(1);
    expect(got[0]).toMatchObject({ event: "webhook.test", ok: true });
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByRole("table", { name: "Webhook deliveries" }).getByRole("row").filter({ hasText: got[0].delivery }).innerText();
      }, { timeout: 20_000 })
      .toMatch(/delivered[\s\S]*#1 .*204/);

    await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Background jobs" }).click();
    await page.getByRole("link", { name: /Succeeded/ }).click();
    await expect(page.getByRole("table", { name: "Background jobs" })).toContainText("webhook.deliver");
  } finally {
    // Leave the shared server without a webhook for the specs after this one.
    await page.goto("/admin/webhook");
    await page.getByLabel("URL").fill("");
    await page.getByLabel("Remove the saved secret").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Webhook settings saved")).toBeVisible();
    receiver.close();
  }
});
