// Links through lib/: suggestions from shared attributes (weights, noise, explanations,
// dismissal until the evidence changes), manual links, decisions (audited), clusters and graphs.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { updateAccount } from "@/lib/accounts/update-account";
import { db } from "@/lib/db/client";
import { getCluster, listClusters } from "@/lib/links/clusters";
import { createLink } from "@/lib/links/create-link";
import { decideLink } from "@/lib/links/decide-link";
import { getCaseGraph, getClusterGraph } from "@/lib/links/link-graph";
import { getLink, listLinks } from "@/lib/links/list-links";
import { recomputeSuggestedLinks } from "@/lib/link-suggestions/suggest-links";
import { attachAccount, createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

let investigator: Actor;
let auditor: Actor;

beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
  auditor = await createUser({ role: "AUDITOR" });
});

const suggestionsOf = async (accountId: string) => (await listLinks(auditor, { accountId, status: "SUGGESTED" })).items;

describe("suggested links", () => {
  it("links accounts sharing a payment fingerprint and IPs, explained in plain words", async () => {
    const shared = [
      { type: "PAYMENT_FINGERPRINT" as const, value: "pf_91a8c2d4e5f6" },
      { type: "IP" as const, value: "203.0.113.10" },
      { type: "IP" as const, value: "203.0.113.11" },
      { type: "IP" as const, value: "::ffff:203.0.113.12" },
    ];
    const a = await createAccount(investigator, { attributes: shared });
    const b = await createAccount(investigator, { attributes: [...shared, { type: "DEVICE_ID", value: "dev-only-b" }] });
    const [link] = await suggestionsOf(a.id);
    expect(link).toMatchObject({
      source: "COMPUTED",
      status: "SUGGESTED",
      reason: "shared payment fingerprint",
      explanation: "share payment fingerprint pf_91a… and 3 IP addresses",
    });
    expect(link.accountIds.slice().sort()).toEqual([a.id, b.id].sort());
    expect(link.confidence).toBeCloseTo(1 - 0.1 * 0.4 ** 3, 3);
    expect(link.sharedAttributes).toHaveLength(4);
  });

  it("does not suggest a link from an email domain or user agent alone", async () => {
    const weak = [{ type: "EMAIL_DOMAIN" as const, value: "weak-signal.test" }, { type: "USER_AGENT" as const, value: "curl/8.0" }];
    const a = await createAccount(investigator, { attributes: weak });
    await createAccount(investigator, { attributes: weak });
    expect(await suggestionsOf(a.id)).toEqual([]);
  });

  it("treats a value shared by more accounts than the threshold (20) as noise, and says so", async () => {
    const nat = { type: "IP" as const, value: "100.64.0.1" };
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) ids.push((await createAccount(investigator, { attributes: [nat] })).id);
    expect(await suggestionsOf(ids[0])).toEqual([]);
    // Two of them also share a device: linked by the device, the NAT address named as noise.
    await updateAccount(ctxFor(investigator), ids[0], { attributes: [nat, { type: "DEVICE_ID", value: "dev-nat-pair" }] });
    await updateAccount(ctxFor(investigator), ids[1], { attributes: [nat, { type: "DEVICE_ID", value: "dev-nat-pair" }] });
    const [link] = await suggestionsOf(ids[0]);
    expect(link.explanation).toBe(
      "share device id dev-nat-pair; not counted, shared too widely to mean anything (noise): IP address 100.64.0.1 (on 21 accounts)",
    );
    expect(link.sharedAttributes).toEqual([{ type: "DEVICE_ID", value: "dev-nat-pair" }]);
  });

  it("keeps a dismissed suggestion dismissed until its shared values change, and removes one whose evidence is gone", async () => {
    const key = { type: "API_KEY" as const, value: "key-dismiss-1" };
    const a = await createAccount(investigator, { attributes: [key] });
    const b = await createAccount(investigator, { attributes: [key] });
    const [s] = await suggestionsOf(a.id);
    const dismissed = await decideLink(ctxFor(investigator), s.id, { status: "DISMISSED" });
    expect(dismissed.status).toBe("DISMISSED");
    // Same evidence: a full recompute and an unrelated edit leave it dismissed.
    await recomputeSuggestedLinks();
    await updateAccount(ctxFor(investigator), a.id, { riskScore: 70 });
    expect((await getLink(auditor, s.id)).status).toBe("DISMISSED");
    // New shared value: the evidence changed, so it is suggested again.
    await updateAccount(ctxFor(investigator), a.id, { attributes: [key, { type: "IP", value: "192.0.2.200" }] });
    await updateAccount(ctxFor(investigator), b.id, { attributes: [key, { type: "IP", value: "192.0.2.200" }] });
    const back = await getLink(auditor, s.id);
    expect(back.status).toBe("SUGGESTED");
    expect(back.explanation).toBe("share API key key-di… and IP address 192.0.2.200");
    // Nothing shared any more: the suggestion goes away.
    await updateAccount(ctxFor(investigator), b.id, { attributes: [] });
    expect(await suggestionsOf(a.id)).toEqual([]);
  });

  it("audits decisions and refuses them to auditors", async () => {
    const dev = { type: "DEVICE_ID" as const, value: "dev-audit-1" };
    const a = await createAccount(investigator, { attributes: [dev] });
    await createAccount(investigator, { attributes: [dev] });
    const [s] = await suggestionsOf(a.id);
    expect((await expectAppError(decideLink(ctxFor(auditor), s.id, { status: "ACCEPTED" }))).status).toBe(403);
    expect((await expectAppError(decideLink(ctxFor(investigator), s.id, { status: "SUGGESTED" }))).status).toBe(400);
    await decideLink(ctxFor(investigator), s.id, { status: "ACCEPTED" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityType: "AccountLink", entityId: s.id } });
    expect(event.action).toBe("link.accept");
    expect(JSON.parse(event.changes).status).toEqual({ before: "SUGGESTED", after: "ACCEPTED" });
  });
});

describe("manual links", () => {
  it("creates an accepted link with reason, confidence and evidence, audited", async () => {
    const a = await createAccount(investigator);
    const b = await createAccount(investigator);
    const link = await createLink(ctxFor(investigator), { accountIds: [b.id, a.id], reason: "same operator per billing records", confidence: 0.8 });
    expect(link).toMatchObject({ source: "MANUAL", status: "ACCEPTED", confidence: 0.8, reason: "same operator per billing records" });
    expect(link.accountIds).toEqual([a.id, b.id].sort());
    expect(await db().auditEvent.count({ where: { action: "link.create", entityId: link.id } })).toBe(1);
    expect((await expectAppError(createLink(ctxFor(investigator), { accountIds: [a.id, b.id], reason: "again", confidence: 0.5 }))).status).toBe(409);
  });

  it("refuses a self-link, a confidence outside 0..1 and unknown accounts or evidence", async () => {
    const a = await createAccount(investigator);
    const b = await createAccount(investigator);
    const ctx = ctxFor(investigator);
    expect((await expectAppError(createLink(ctx, { accountIds: [a.id, a.id], reason: "self", confidence: 0.5 }))).status).toBe(400);
    expect((await expectAppError(createLink(ctx, { accountIds: [a.id, a.externalId], reason: "self by external id", confidence: 0.5 }))).status).toBe(400);
    expect((await expectAppError(createLink(ctx, { accountIds: [a.id, b.id], reason: "too sure", confidence: 1.5 }))).status).toBe(400);
    expect((await expectAppError(createLink(ctx, { accountIds: [a.id, b.id], reason: "negative", confidence: -0.1 }))).status).toBe(400);
    expect((await expectAppError(createLink(ctx, { accountIds: [a.id, "missing"], reason: "unknown", confidence: 0.5 }))).status).toBe(404);
    expect((await expectAppError(createLink(ctx, { accountIds: [a.id, b.id], reason: "bad evidence", confidence: 0.5, evidenceIds: ["nope"] }))).status).toBe(404);
  });
});

describe("clusters and graphs", () => {
  it("groups accounts joined by accepted links, with reasons and the cases they touch", async () => {
    const [a, b, c, d] = [await createAccount(investigator), await createAccount(investigator), await createAccount(investigator), await createAccount(investigator)];
    const ctx = ctxFor(investigator);
    await createLink(ctx, { accountIds: [a.id, b.id], reason: "same operator", confidence: 0.9 });
    await createLink(ctx, { accountIds: [b.id, c.id], reason: "shared billing", confidence: 0.6 });
    const kase = await createCase(investigator);
    await attachAccount(investigator, kase.id, c.id);
    const cluster = await getCluster(auditor, c.id);
    expect(cluster.size).toBe(3);
    expect(cluster.id).toBe([a.id, b.id, c.id].sort()[0]);
    expect(cluster.members.map((m) => m.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(cluster.strongestReasons.map((r) => r.reason)).toEqual(["same operator", "shared billing"]);
    expect(cluster.cases.map((x) => x.number)).toEqual([kase.number]);
    expect((await expectAppError(getCluster(auditor, d.id))).status).toBe(404);
    const all = await listClusters(auditor, {});
    expect(all.items.some((x) => x.id === cluster.id)).toBe(true);

    const graph = await getClusterGraph(auditor, cluster.id);
    expect(graph.nodes).toHaveLength(3);
    expect(graph.edges.map((e) => e.reason).sort()).toEqual(["same operator", "shared billing"]);
    expect(graph.edges[0]).toMatchObject({ state: "ACCEPTED" });

    const caseGraph = await getCaseGraph(auditor, kase.id);
    expect(caseGraph.nodes.find((n) => n.id === c.id)).toMatchObject({ onCase: true });
    expect(caseGraph.nodes.find((n) => n.id === b.id)).toMatchObject({ onCase: false });
    expect(caseGraph.nodes.map((n) => n.id)).not.toContain(a.id);
    expect(caseGraph.edges).toHaveLength(1);
    expect(caseGraph.truncated).toBe(false);
  });
});
