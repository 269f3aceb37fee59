// Actions in the browser: an investigator proposes revoking two of a case's accounts from the case
// page; a manager finds it under "Awaiting my approval" (counted in the navigation), approves it and
// executes it with confirmation; both accounts show REVOKED, and the timeline shows each move. The
// investigator's inbox shows the approval, and a receiver the test runs (configured by an admin under
// Admin → Webhook) gets exactly one signed action.executed delivery.
import { createHmac } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { startWebhookReceiver, type Receiver } from "../support/webhook-receiver";
import { signIn } from "./support/browser";
import { createToken, createUser, type TestUser } from "./support/cli";
import { E2E_ADMIN } from "./support/e2e-env";

const SECRET = "actions-ui webhook secret 0123456789";
let receiver: Receiver;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

test.afterAll(async ({ browser }) => {
  // Leave the shared server without a webhook for the specs after this one, pass or fail.
  const context = await browser.newContext();
  await configureWebhook(await context.newPage(), "", "");
  await context.close();
  await receiver.close();
});

async function configureWebhook(page: Page, url: string, secret: string) {
  await signIn(page, E2E_ADMIN);
  await page.goto("/admin/webhook");
  await page.getByLabel("URL").fill(url);
  if (secret) await page.getByLabel("Signing secret").fill(secret);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Webhook settings saved")).toBeVisible();
}

let investigator: TestUser, manager: TestUser, token: string;

test.beforeAll(() => {
  investigator = createUser("INVESTIGATOR", "Ivy Investigator");
  manager = createUser("MANAGER", "Max Manager");
  token = createToken(investigator.email);
});

const auth = () => ({ Authorization: `Bearer ${token}` });

async function caseWithTwoAccounts(page: Page) {
  const seed = Date.now().toString(36);
  const c = await (await page.request.post("/api/v1/cases", { headers: auth(), data: { title: `Two operators ${seed}` } })).json();
  const accounts: { id: string; externalId: string }[] = [];
  for (const s of ["north", "south"]) {
    const a = await (await page.request.post("/api/v1/accounts", { headers: auth(), data: { externalId: `ui-${seed}-${s}`, displayName: `Operator ${s} ${seed}` } })).json();
    expect((await page.request.post(`/api/v1/cases/${c.id}/accounts`, { headers: auth(), data: { accountId: a.id, role: "SUBJECT" } })).status()).toBe(201);
    accounts.push(a);
  }
  return { c, accounts, seed };
}

test("an investigator proposes revoking two accounts; a manager approves and executes it; both accounts show REVOKED", async ({ page, browser }) => {
  const { c, accounts, seed } = await caseWithTwoAccounts(page);
  const adminContext = await browser.newContext();
  await configureWebhook(await adminContext.newPage(), receiver.url, SECRET);

  await signIn(page, investigator);
  await page.goto(`/cases/${c.number}`);
  const panel = page.locator("section", { has: page.getByRole("heading", { name: "Actions", exact: true }) });
  await panel.getByRole("button", { name: "Propose revocation" }).click();
  const form = page.getByRole("form", { name: "Propose revocation" });
  // Nothing chosen: the refusal names the field.
  await form.getByRole("button", { name: "Propose revocation" }).click();
  await expect(form.getByText("name at least one account, API key or organization to revoke", { exact: true })).toBeVisible();
  for (const s of ["north", "south"]) await form.getByLabel(new RegExp(`Operator ${s} ${seed}`)).check();
  await form.getByLabel("Justification").fill("Both operators harvested reasoning traces at scale.");
  await form.getByRole("button", { name: "Propose revocation" }).click();
  await expect(page.getByText("Revocation proposed")).toBeVisible();
  await expect(panel.getByRole("table").getByText("Proposed", { exact: true })).toBeVisible();

  const managerContext = await browser.newContext();
  const mp = await managerContext.newPage();
  await signIn(mp, manager);
  const navActions = mp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Actions/ });
  await expect(navActions).toContainText(/awaiting your approval/);
  await navActions.click();
  await expect(mp.getByRole("link", { name: "Awaiting my approval" })).toHaveAttribute("aria-current", "page");
  await mp.locator("tr", { hasText: c.number }).getByRole("link", { name: "Access revocation" }).click();
  await expect(mp.getByRole("heading", { name: /Access revocation/ })).toBeVisible();
  const actionId = new URL(mp.url()).pathname.split("/").pop();

  await mp.getByRole("button", { name: "Approve" }).click();
  await expect(mp.getByText("Action moved to approved")).toBeVisible();
  mp.once("dialog", (d) => void d.accept());
  await mp.getByLabel(/External reference/).fill("KMS-2026-0042");
  await mp.getByRole("button", { name: "Execute" }).click();
  await expect(mp.getByText("Action moved to executed")).toBeVisible();

  const statuses = mp.getByTestId("account-status");
  await expect(statuses).toHaveCount(2);
  await expect(statuses).toHaveText(["Revoked", "Revoked"]);
  const timeline = mp.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByRole("listitem")).toHaveCount(3);
  await expect(mp.getByText("KMS-2026-0042")).toBeVisible();

  // The accounts themselves say REVOKED, on their own pages.
  for (const a of accounts) {
    await mp.goto(`/accounts/${a.id}`);
    await expect(mp.getByTitle("Account status").first()).toHaveText("Revoked");
  }
  await managerContext.close();

  // The proposer's inbox says it was approved.
  await page.goto("/inbox");
  await expect(page.getByRole("link", { name: new RegExp(`approved your access revocation on ${c.number}`) })).toBeVisible();

  // One signed delivery for the execution: X-Lantern-Signature t=<unix>,v1=HMAC-SHA256(secret, "<t>.<body>").
  const ours = () => receiver.received.filter((r) => r.event === "action.executed" && (JSON.parse(r.body) as { data: { actionId: string } }).data.actionId === actionId);
  await expect.poll(() => ours().length, { timeout: 30_000 }).toBe(1);
  const [d] = ours();
  const { t, v1 } = Object.fromEntries(d.signature.split(",").map((kv) => kv.split("="))) as { t: string; v1: string };
  expect(v1).toBe(createHmac("sha256", SECRET).update(`${t}.${d.body}`).digest("hex"));
  const body = JSON.parse(d.body) as { data: { externalReference: string; targets: { externalId: string }[] } };
  expect(body.data.externalReference).toBe("KMS-2026-0042");
  expect(body.data.targets.map((x) => x.externalId).sort()).toEqual(accounts.map((a) => a.externalId).sort());
  expect(ours()).toHaveLength(1);
  await adminContext.close();
});
