// The STIX export of a case (issue 12 point 5): valid against the OASIS STIX 2.1 schemas, every
// attribute as the right observable, accepted links and flagged findings included, the TLP chosen
// at export on every object (RED by default for restricted cases), stable identifiers, an audit
// event per export, and 404 for outsiders of a restricted case.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createLink } from "@/lib/links/create-link";
import { exportCaseStix } from "@/lib/stix/case-stix-bundle";
import { attachAccount, createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import { seedGeneratedRun } from "@/test/support/api-request-rows";
import { stixErrors } from "@/test/support/stix-validator";

type Obj = { type: string; id: string } & Record<string, unknown>;
const ofType = (objects: Obj[], type: string) => objects.filter((o) => o.type === type);

async function caseWithAccounts(restricted = false) {
  const lead = await createUser({ role: "INVESTIGATOR" });
  const c = await createCase(lead, { title: "STIX export", restricted });
  const a = await createAccount(lead, {
    displayName: "Quill O'Brien",
    attributes: [
      { type: "IP", value: "203.0.113.7" },
      { type: "IP", value: "2001:db8::7" },
      { type: "API_KEY", value: "key-aaa" },
      { type: "USER_AGENT", value: "python-httpx/0.27" },
      { type: "EMAIL_DOMAIN", value: "mail.example" },
      { type: "PAYMENT_FINGERPRINT", value: "pf-123" },
    ],
  });
  const b = await createAccount(lead, { attributes: [{ type: "IP", value: "203.0.113.7" }, { type: "DEVICE_ID", value: "dev-9" }] });
  await attachAccount(lead, c.id, a.id);
  await attachAccount(lead, c.id, b.id);
  await createLink(ctxFor(lead), { accountIds: [a.id, b.id], reason: "same operator", confidence: 0.8 });
  return { lead, c, a, b };
}

describe("STIX 2.1 bundle of a case", () => {
  it("is valid STIX 2.1 with accounts, typed observables, the accepted link and a report over everything, all marked", async () => {
    const { lead, c, a, b } = await caseWithAccounts();
    const { bundle, tlp } = await exportCaseStix(ctxFor(lead), c.id, {});
    expect(stixErrors(bundle)).toEqual([]);
    expect(tlp).toBe("AMBER");
    const objects = bundle.objects as Obj[];
    const accounts = ofType(objects, "user-account");
    expect(accounts.map((o) => o.user_id).sort()).toEqual([a.externalId, b.externalId].sort());
    expect(accounts.find((o) => o.user_id === a.externalId)?.display_name).toBe("Quill O'Brien");
    expect(ofType(objects, "ipv4-addr").map((o) => o.value)).toEqual(["203.0.113.7"]); // shared by both: one object
    expect(ofType(objects, "ipv6-addr").map((o) => o.value)).toEqual(["2001:db8::7"]);
    expect(ofType(objects, "domain-name").map((o) => o.value)).toEqual(["mail.example"]);
    for (const [type, value] of [["x-lantern-api-key", "key-aaa"], ["x-lantern-user-agent", "python-httpx/0.27"], ["x-lantern-payment-fingerprint", "pf-123"], ["x-lantern-device-id", "dev-9"]]) {
      const o = ofType(objects, type);
      expect(o.map((x) => x.value)).toEqual([value]);
      expect(Object.values(o[0].extensions as Record<string, { extension_type: string }>)[0].extension_type).toBe("new-sco");
    }
    expect(ofType(objects, "extension-definition")).toHaveLength(1);
    // 8 attribute relationships (a: 6, b: 2) and the accepted link between the accounts.
    const rels = ofType(objects, "relationship");
    const accountIds = new Set(accounts.map((o) => o.id));
    expect(rels.filter((r) => accountIds.has(r.source_ref as string) && accountIds.has(r.target_ref as string))).toEqual([
      expect.objectContaining({ relationship_type: "related-to", description: "same operator", confidence: 80 }),
    ]);
    expect(rels).toHaveLength(9);
    const ids = new Set(objects.map((o) => o.id));
    for (const r of rels) expect(ids.has(r.source_ref as string) && ids.has(r.target_ref as string)).toBe(true);
    const [report] = ofType(objects, "report");
    expect(report.name).toBe(`${c.number}: STIX export`);
    const marking = ofType(objects, "marking-definition")[0];
    expect(marking).toMatchObject({ name: "TLP:AMBER", definition: { tlp: "amber" } });
    const referable = objects.filter((o) => !["marking-definition", "identity", "report"].includes(o.type)).map((o) => o.id);
    expect(new Set(report.object_refs as string[])).toEqual(new Set(referable));
    for (const o of objects.filter((o) => o.type !== "marking-definition")) expect(o.object_marking_refs).toEqual([marking.id]);
  });

  it("turns the distillation analysis's flagged accounts into indicators of the distillation attack pattern", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const c = await createCase(admin, { title: "Flagged" });
    await seedGeneratedRun(c.id, admin.id, { lines: 20_000, seed: 11 });
    const { bundle } = await exportCaseStix(ctxFor(admin), c.id, { tlp: "GREEN" });
    expect(stixErrors(bundle)).toEqual([]);
    const objects = bundle.objects as Obj[];
    const indicators = ofType(objects, "indicator");
    expect(indicators.length).toBeGreaterThan(0);
    const [pattern] = ofType(objects, "attack-pattern");
    const users = new Map(ofType(objects, "user-account").map((o) => [o.id, o.user_id as string]));
    for (const ind of indicators) {
      expect(ind.pattern).toMatch(/^\[user-account:user_id = '.+'\]$/);
      expect(ind.pattern_type).toBe("stix");
      const rels = ofType(objects, "relationship").filter((r) => r.source_ref === ind.id);
      expect(rels.find((r) => r.relationship_type === "indicates")?.target_ref).toBe(pattern.id);
      const account = rels.find((r) => users.has(r.target_ref as string));
      expect(ind.pattern).toBe(`[user-account:user_id = '${users.get(account!.target_ref as string)}']`);
    }
    expect(ofType(objects, "marking-definition")[0].name).toBe("TLP:GREEN");
  });

  it("marks a restricted case TLP:RED unless another level is chosen, and keeps identifiers stable between exports", async () => {
    const { lead, c } = await caseWithAccounts(true);
    const first = await exportCaseStix(ctxFor(lead), c.id, {});
    expect(first.tlp).toBe("RED");
    expect((first.bundle.objects as Obj[]).find((o) => o.type === "marking-definition")?.id).toBe("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
    const second = await exportCaseStix(ctxFor(lead), c.id, { tlp: "CLEAR" });
    expect(stixErrors(second.bundle)).toEqual([]);
    expect((second.bundle.objects as Obj[]).find((o) => o.type === "marking-definition")?.name).toBe("TLP:WHITE");
    const stable = (b: typeof first.bundle) => (b.objects as Obj[]).filter((o) => o.type !== "marking-definition").map((o) => o.id).sort();
    expect(stable(second.bundle)).toEqual(stable(first.bundle));
  });

  it("answers 404 to an outsider of a restricted case, refuses an unknown TLP naming the field, and audits each export", async () => {
    const { lead, c } = await caseWithAccounts(true);
    const outsider = await createUser({ role: "INVESTIGATOR" });
    await expect(exportCaseStix(ctxFor(outsider), c.id, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportCaseStix(ctxFor(lead), c.id, { tlp: "PURPLE" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { tlp: [expect.stringContaining("CLEAR, GREEN, AMBER, RED")] } } });
    await exportCaseStix(ctxFor(lead), c.id, { tlp: "AMBER" });
    const events = await db().auditEvent.findMany({ where: { caseId: c.id, action: "case.export_stix" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: lead.id });
    expect(JSON.parse(events[0].changes)).toMatchObject({ tlp: { after: "AMBER" } });
  });
});
