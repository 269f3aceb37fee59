// STIX 2.1 export over real HTTP and from the case page (issue 12 point 5): the bundle validates
// against the vendored OASIS schemas, carries the TLP chosen, downloads as an attachment, and a
// restricted case answers 404 to an outsider.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/browser";
import { createToken, createUser, type TestUser } from "./support/cli";
import { stixErrors } from "../support/stix-validator";

let lead: TestUser, leadToken: string, outsiderToken: string;
const run = randomUUID().slice(0, 8);
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

test.beforeAll(() => {
  lead = createUser("INVESTIGATOR");
  leadToken = createToken(lead.email);
  outsiderToken = createToken(createUser("INVESTIGATOR").email);
});

async function caseWithAccount(request: import("@playwright/test").APIRequestContext, restricted: boolean) {
  const c = await (await request.post("/api/v1/cases", { headers: auth(leadToken), data: { title: `STIX ${run} ${restricted}`, restricted } })).json();
  const a = await (
    await request.post("/api/v1/accounts", {
      headers: auth(leadToken),
      data: { externalId: `stix-${run}-${restricted}`, attributes: [{ type: "IP", value: "198.51.100.77" }, { type: "API_KEY", value: `key-${run}` }] },
    })
  ).json();
  expect((await request.post(`/api/v1/cases/${c.id}/accounts`, { headers: auth(leadToken), data: { accountId: a.id, role: "SUBJECT" } })).status()).toBe(201);
  return { c, a };
}

test("GET /cases/{id}/stix answers a valid bundle as an attachment, with the chosen TLP; 400, 401 and 404 where due", async ({ request }) => {
  const { c, a } = await caseWithAccount(request, true);
  const res = await request.get(`/api/v1/cases/${c.number}/stix`, { headers: auth(leadToken) });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/stix+json;version=2.1");
  expect(res.headers()["content-disposition"]).toBe(`attachment; filename="${c.number}-stix-tlp-red.json"`);
  const bundle = await res.json();
  expect(stixErrors(bundle)).toEqual([]);
  const types = bundle.objects.map((o: { type: string }) => o.type);
  expect(types).toEqual(expect.arrayContaining(["marking-definition", "identity", "user-account", "ipv4-addr", "x-lantern-api-key", "relationship", "report"]));
  expect(bundle.objects.find((o: { type: string }) => o.type === "user-account").user_id).toBe(a.externalId);
  expect(bundle.objects.find((o: { type: string }) => o.type === "marking-definition").name).toBe("TLP:RED");

  const green = await (await request.get(`/api/v1/cases/${c.id}/stix?tlp=GREEN`, { headers: auth(leadToken) })).json();
  expect(green.objects.find((o: { type: string }) => o.type === "marking-definition").name).toBe("TLP:GREEN");
  const bad = await request.get(`/api/v1/cases/${c.id}/stix?tlp=PURPLE`, { headers: auth(leadToken) });
  expect(bad.status()).toBe(400);
  expect(Object.keys((await bad.json()).error.details.fieldErrors)).toEqual(["tlp"]);
  expect((await request.get(`/api/v1/cases/${c.id}/stix`, { headers: auth(outsiderToken) })).status()).toBe(404);
  expect((await request.get(`/api/v1/cases/${c.id}/stix`)).status()).toBe(401);
});

test("the case page downloads the bundle with the TLP chosen beside the button", async ({ page, request }) => {
  const { c } = await caseWithAccount(request, false);
  await signIn(page, lead);
  await page.goto(`/cases/${c.number}`);
  const select = page.getByLabel("TLP marking of the STIX export");
  await expect(select).toHaveValue("AMBER");
  await select.selectOption("GREEN");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export STIX" }).click()]);
  expect(download.suggestedFilename()).toBe(`${c.number}-stix-tlp-green.json`);
  const bundle = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  expect(stixErrors(bundle)).toEqual([]);
  expect(bundle.objects.find((o: { type: string }) => o.type === "marking-definition").name).toBe("TLP:GREEN");
});
