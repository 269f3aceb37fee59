// Accounts in the browser: import a CSV (a dry run naming the bad row first, then the import with
// its counts), attach two of the accounts to a case with the search-as-you-type picker, accept the
// link suggested between them (they share a payment fingerprint), and see the cluster in the graph;
// then detach one with confirmation. An AUDITOR sees the same pages without any write control.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/browser";
import { createToken, createUser, type TestUser } from "./support/cli";

let investigator: TestUser, auditor: TestUser, token: string;

test.beforeAll(() => {
  investigator = createUser("INVESTIGATOR", "Ada Accounts");
  auditor = createUser("AUDITOR", "Otto Auditor");
  token = createToken(investigator.email);
});

const auth = () => ({ Authorization: `Bearer ${token}` });

async function newCase(page: Page, title: string): Promise<string> {
  const res = await page.request.post("/api/v1/cases", { headers: auth(), data: { title } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { number: string }).number;
}

async function pickAccount(page: Page, search: string, externalId: string) {
  const box = page.getByRole("combobox", { name: "Attach accounts" });
  await box.fill(search);
  await page.getByRole("option", { name: new RegExp(externalId) }).click();
  await expect(page.getByRole("list", { name: "Accounts to attach" }).getByText(externalId, { exact: true })).toBeVisible();
}

test("import a CSV, attach two accounts to a case, accept their suggested link and see the cluster", async ({ page }) => {
  const seed = `${Date.now().toString(36)}`;
  const [a, b, c] = ["a", "b", "c"].map((s) => `e2e-${seed}-${s}`);
  const csv = [
    "externalId,displayName,organization,riskScore,IP,PAYMENT_FINGERPRINT",
    `${a},Alpha,Acme Labs,80,203.0.113.7,pf_${seed}`,
    `${b},Bravo,Acme Labs,45,198.51.100.4,pf_${seed}`,
    `${c},Charlie,,10,,`,
    `,Nameless,,5,,`,
  ].join("\n");
  const number = await newCase(page, `Distillation through ${seed}`);
  await signIn(page, investigator);

  // Dry run: counts, and the bad row by its line number; nothing is created.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await page.getByLabel("Accounts file (CSV or JSON)").setInputFiles({ name: "accounts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check file (dry run)" }).click();
  const dry = page.getByTestId("dry-run-result");
  await expect(dry).toContainText("Dry run: nothing was changed");
  await expect(dry.getByRole("definition").first()).toHaveText("3");
  const refused = dry.getByRole("table", { name: "Refused rows" });
  await expect(refused.getByRole("row")).toHaveCount(2);
  await expect(refused.getByRole("cell").first()).toHaveText("5");
  expect((await (await page.request.get(`/api/v1/accounts?q=${seed}`, { headers: auth() })).json()).total).toBe(0);

  // The import itself.
  await page.getByRole("button", { name: "Import 3 accounts" }).click();
  const done = page.getByTestId("import-result");
  await expect(done).toContainText("Import finished");
  await expect(done.getByRole("definition").first()).toHaveText("3");

  // The list finds them by a shared attribute value.
  await page.goto(`/accounts?q=pf_${seed}`);
  const table = page.getByRole("table", { name: "Accounts" });
  await expect(table.getByRole("link", { name: a })).toBeVisible();
  await expect(table.getByRole("link", { name: b })).toBeVisible();
  await expect(table.getByRole("link", { name: c })).toHaveCount(0);

  // Attach a and b to the case at once, as subjects.
  await page.goto(`/cases/${number}`);
  await pickAccount(page, `${seed}-a`, a);
  await pickAccount(page, `${seed}-b`, b);
  await page.getByRole("button", { name: "Attach 2 accounts" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "2 accounts attached" })).toBeVisible();
  const onCase = page.getByRole("list", { name: "Accounts on this case" });
  await expect(onCase.getByRole("link", { name: a })).toBeVisible();
  await expect(onCase.getByRole("link", { name: b })).toBeVisible();
  await expect(onCase.getByText("Subject")).toHaveCount(2);

  // Accept the link suggested between them (shared payment fingerprint).
  await onCase.getByRole("link", { name: a }).click();
  await expect(page.getByRole("heading", { level: 1, name: a })).toBeVisible();
  const links = page.getByRole("list", { name: "Links of this account" });
  const suggestion = links.getByRole("listitem", { name: `suggested link to ${b}` });
  await expect(suggestion).toBeVisible();
  await suggestion.getByRole("button", { name: /^Accept/ }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Link accepted" })).toBeVisible();
  await expect(links.getByRole("listitem", { name: `accepted link to ${b}` })).toBeVisible();

  // The cluster in the graph: two accounts, one accepted link, laid out.
  await page.getByRole("link", { name: "Cluster graph" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cluster of 2 accounts" })).toBeVisible();
  const graph = page.getByTestId("link-graph");
  await expect(graph).toHaveAttribute("data-node-count", "2");
  await expect(graph).toHaveAttribute("data-edge-count", "1");
  // Laid out by the worker (not the main-thread fallback).
  await expect(graph).toHaveAttribute("data-layout", "done");
  await expect(graph.locator("canvas").first()).toBeVisible();
  await page.getByText(/^List view/).click();
  await expect(page.getByRole("list", { name: "Links in the graph" }).getByRole("listitem", { name: /accepted link between/ })).toBeVisible();

  // The case's graph shows them too; then detach b after confirming.
  await page.goto(`/cases/${number}/graph`);
  await expect(page.getByTestId("link-graph")).toHaveAttribute("data-node-count", "2");
  await page.goto(`/cases/${number}`);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Detach ${b}` }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Account detached" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Accounts on this case" }).getByRole("link", { name: b })).toHaveCount(0);
});

test("an auditor reads accounts, links and graphs but sees no write control", async ({ page }) => {
  const seed = `${Date.now().toString(36)}`;
  const number = await newCase(page, `Audited ${seed}`);
  const ids: string[] = [];
  for (const s of ["x", "y"]) {
    const res = await page.request.post("/api/v1/accounts", {
      headers: auth(),
      data: { externalId: `e2e-${seed}-${s}`, attributes: [{ type: "DEVICE_ID", value: `dev-${seed}` }] },
    });
    expect(res.status()).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }
  const attach = await page.request.post(`/api/v1/cases/${number}/accounts`, { headers: auth(), data: { accountId: ids[0], role: "SUBJECT" } });
  expect(attach.ok()).toBe(true);

  await signIn(page, auditor);
  await page.goto("/accounts");
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New account" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Import" })).toHaveCount(0);

  await page.goto(`/accounts/${ids[0]}`);
  await expect(page.getByRole("heading", { level: 1, name: `e2e-${seed}-x` })).toBeVisible();
  await expect(page.getByRole("list", { name: "Links of this account" }).getByRole("listitem", { name: `suggested link to e2e-${seed}-y` })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Accept/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Dismiss/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByText("Link to another account")).toHaveCount(0);

  await page.goto(`/cases/${number}`);
  await expect(page.getByRole("list", { name: "Accounts on this case" }).getByRole("link", { name: `e2e-${seed}-x` })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Attach accounts" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Detach/ })).toHaveCount(0);

  await page.goto(`/cases/${number}/graph`);
  await expect(page.getByTestId("link-graph")).toHaveAttribute("data-node-count", "2");
  await page.getByText(/^List view/).click();
  await expect(page.getByRole("button", { name: /^Accept/ })).toHaveCount(0);

  await page.goto("/accounts/new");
  await expect(page.getByRole("heading", { name: "New account" })).toHaveCount(0);
  await page.goto("/accounts/import");
  await expect(page.getByLabel("Accounts file (CSV or JSON)")).toHaveCount(0);
});
