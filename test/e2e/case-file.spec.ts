// The case file in the browser (issue 12 points 2 and 3): "Export case file" on a case page
// downloads a signed ZIP; the "Verify a case file" page says it is intact, and names the evidence
// file when one byte of it was flipped. The public key is served without a token.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/browser";
import { createToken, createUser, type TestUser } from "./support/cli";

let investigator: TestUser, token: string;

test.beforeAll(() => {
  investigator = createUser("INVESTIGATOR", "Casey Casefile");
  token = createToken(investigator.email);
});

test("export a case file from the case page and verify it on the verify page; a flipped byte is named", async ({ page }, testInfo) => {
  const auth = { Authorization: `Bearer ${token}` };
  const created = await page.request.post("/api/v1/cases", { headers: auth, data: { title: "Case file journey" } });
  expect(created.status()).toBe(201);
  const c = (await created.json()) as { id: string; number: string };
  const evidence = Buffer.from(`captured traffic ${Date.now()}\n`.repeat(4000));
  const uploaded = await page.request.post(`/api/v1/cases/${c.number}/evidence`, {
    headers: auth,
    multipart: { kind: "OTHER", title: "Traffic capture", file: { name: "traffic.txt", mimeType: "text/plain", buffer: evidence } },
  });
  expect(uploaded.status()).toBe(201);
  const evidenceId = ((await uploaded.json()) as { id: string }).id;

  const key = await page.request.get("/api/v1/signing-key"); // no token, no cookie
  expect(key.status()).toBe(200);
  expect(await key.json()).toMatchObject({ algorithm: "Ed25519", publicKeyPem: expect.stringContaining("BEGIN PUBLIC KEY") });

  await signIn(page, investigator);
  await page.goto(`/cases/${c.number}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export case file" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${c.number}-case-file-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const zip = testInfo.outputPath("case.zip");
  await download.saveAs(zip);

  await page.getByRole("link", { name: "Verify a case file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Verify a case file" })).toBeVisible();
  await page.getByLabel("Case file (.zip)").setInputFiles(zip);
  await page.getByRole("button", { name: "Verify" }).click();
  const result = page.getByTestId("verify-result");
  await expect(result).toHaveAttribute("data-ok", "true");
  await expect(result.getByRole("status")).toContainText("case.zip is intact: signed by this instance");
  await expect(result).toContainText(`Case ${c.number}`);

  // One byte of the evidence flipped inside the ZIP (it is stored, not deflated).
  const bytes = fs.readFileSync(zip);
  const at = bytes.indexOf(evidence.subarray(0, 64)) + 50;
  expect(at).toBeGreaterThan(50);
  bytes[at] ^= 0x20;
  const tampered = testInfo.outputPath("tampered.zip");
  fs.writeFileSync(tampered, bytes);
  expect(createHash("sha256").update(bytes).digest("hex")).not.toBe(createHash("sha256").update(fs.readFileSync(zip)).digest("hex"));
  await page.getByLabel("Case file (.zip)").setInputFiles(tampered);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(result).toHaveAttribute("data-ok", "false");
  await expect(result.getByRole("alert")).toContainText("tampered.zip is not as it was exported");
  await expect(result.getByRole("list", { name: "Findings" })).toContainText(`Altered: evidence/${evidenceId}-traffic.txt`);
});
