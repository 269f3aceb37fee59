// A case's indicators as a STIX 2.1 bundle for threat-intelligence platforms (OpenCTI, MISP): the
// case's accounts as user-account observables, their attributes (IPs as ipv4-addr/ipv6-addr,
// email domains as domain-name, user agents, API key ids, payment fingerprints and device ids as
// Lantern's custom observables under one extension definition), the accepted links between the
// accounts, the accounts the distillation analysis flags as indicators of one attack pattern, and
// a report tying them to the case. Every object carries the TLP marking chosen at export time.
// Exporting is a sensitive read: an audit event, written before the bundle is answered.
import type { RequestContext } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import type { DistillationAccount } from "@/lib/distillation/compute-case-distillation";
import { readCaseDistillation } from "@/lib/distillation/distillation-cache";
import type { AttributeType } from "@/lib/generated/sqlite/enums";
import { parseInput } from "@/lib/validation";
import { z } from "zod";
import { objectId, observableId, patternString } from "@/lib/stix/stix-ids";
import { defaultTlp, tlpMarking, ZTlp, type TlpLevel } from "@/lib/stix/tlp";

export const ZStixQuery = z.object({ tlp: ZTlp.optional() });

type StixObject = { type: string; id: string } & Record<string, unknown>;
export type StixBundle = { type: "bundle"; id: string; objects: StixObject[] };

const CUSTOM_OBSERVABLES: Partial<Record<AttributeType, string>> = {
  API_KEY: "x-lantern-api-key",
  USER_AGENT: "x-lantern-user-agent",
  PAYMENT_FINGERPRINT: "x-lantern-payment-fingerprint",
  DEVICE_ID: "x-lantern-device-id",
};
const EXTENSION_ID = "extension-definition--0f8a3c52-6d5e-4b8a-9a51-2c6e1d9b7f40";

export async function exportCaseStix(ctx: RequestContext, caseIdOrNumber: string, query: unknown = {}): Promise<{ bundle: StixBundle; caseNumber: string; tlp: TlpLevel }> {
  const q = parseInput(ZStixQuery, query);
  const c = await requireCase(db(), ctx.actor, caseIdOrNumber, "read");
  const kase = await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { id: true, number: true, title: true, createdAt: true } });
  const tlp = q.tlp ?? defaultTlp(c.restricted);
  const onCase = await db().caseAccount.findMany({
    where: { caseId: c.id },
    select: { account: { select: { id: true, externalId: true, displayName: true, attributes: { select: { type: true, value: true } } } } },
    orderBy: { addedAt: "asc" },
  });
  const analysis = await readCaseDistillation(c.id);
  const flagged = analysis.accounts.filter((a) => a.flagged);
  // Flagged accounts that were never attached to the case are part of its findings too.
  const known = new Set(onCase.map((r) => r.account.id));
  const extra = await db().account.findMany({
    where: { id: { in: flagged.map((f) => f.accountId).filter((id) => !known.has(id)) } },
    select: { id: true, externalId: true, displayName: true, attributes: { select: { type: true, value: true } } },
  });
  const accounts = [...onCase.map((r) => r.account), ...extra];
  const ids = accounts.map((a) => a.id);
  const links = ids.length === 0 ? [] : await db().accountLink.findMany({
    where: { status: "ACCEPTED", accountAId: { in: ids }, accountBId: { in: ids } },
    select: { id: true, accountAId: true, accountBId: true, reason: true, confidence: true, explanation: true },
    orderBy: { id: "asc" },
  });

  const now = new Date().toISOString();
  const marking = tlpMarking(tlp);
  const identityId = objectId("identity", "lantern-instance");
  const common = { spec_version: "2.1", object_marking_refs: [marking.id] };
  const sdo = (type: string, key: string[], rest: Record<string, unknown>): StixObject => ({
    type, id: objectId(type, ...key), ...common, created_by_ref: identityId, created: now, modified: now, ...rest,
  });
  const objects = new Map<string, StixObject>();
  const put = (o: StixObject) => objects.set(o.id, o);

  put({ type: "identity", id: identityId, ...common, created: "2026-01-01T00:00:00.000Z", modified: "2026-01-01T00:00:00.000Z", name: "Lantern", identity_class: "system", description: "Lantern, a case-management system for investigations into unauthorized model distillation" });
  put({ type: "extension-definition", id: EXTENSION_ID, ...common, created_by_ref: identityId, created: "2026-01-01T00:00:00.000Z", modified: "2026-01-01T00:00:00.000Z", name: "Lantern account attributes", description: "Observables of API accounts that STIX does not define: API key ids, user agents, payment fingerprints and device ids, each with a single value property.", schema: "Plain text. Four new cyber-observable types: x-lantern-api-key (an API key id of the provider), x-lantern-user-agent (an HTTP User-Agent string), x-lantern-payment-fingerprint (a payment instrument fingerprint) and x-lantern-device-id (a device id). Each has one required string property, value; its id is the STIX 2.1 deterministic UUIDv5 of {\"value\": value}.", version: "1.0.0", extension_types: ["new-sco"] });

  const accountRef = new Map<string, string>();
  for (const a of accounts) {
    const id = observableId("user-account", { user_id: a.externalId });
    accountRef.set(a.id, id);
    put({ type: "user-account", id, ...common, user_id: a.externalId, ...(a.displayName && { display_name: a.displayName }) });
    for (const attr of a.attributes) {
      const target = attributeObservable(attr.type, attr.value, common);
      if (!target) continue;
      put(target);
      put(sdo("relationship", [a.id, attr.type, attr.value], { relationship_type: "related-to", source_ref: id, target_ref: target.id, description: relationText(attr.type) }));
    }
  }
  for (const l of links) {
    put(sdo("relationship", ["link", l.id], {
      relationship_type: "related-to",
      source_ref: accountRef.get(l.accountAId),
      target_ref: accountRef.get(l.accountBId),
      description: l.explanation && l.explanation !== l.reason ? `${l.reason}: ${l.explanation}` : l.reason,
      confidence: Math.round(Math.max(0, Math.min(1, l.confidence)) * 100),
    }));
  }
  if (flagged.length > 0) {
    const pattern = sdo("attack-pattern", ["model-distillation"], {
      name: "Unauthorized model distillation through API output harvesting",
      description: "Harvesting a model's API outputs, spread over many accounts, to train a competing model.",
    });
    put(pattern);
    for (const f of flagged) for (const o of indicatorFor(f, kase.id, analysis.computedAt, sdo, accountRef.get(f.accountId), pattern.id)) put(o);
  }
  const refs = [...objects.keys()].filter((id) => id !== identityId);
  put(sdo("report", [kase.id], {
    name: `${kase.number}: ${kase.title}`,
    description: `Indicators of Lantern case ${kase.number}: ${accounts.length} account(s), ${links.length} accepted link(s), ${flagged.length} flagged by the distillation analysis.`,
    report_types: ["threat-report"],
    published: now,
    object_refs: refs.length > 0 ? refs : [identityId],
    external_references: [{ source_name: "lantern", external_id: kase.number }],
  }));

  await db().$transaction(async (tx) => {
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "case.export_stix",
      entityType: "Case",
      entityId: kase.id,
      caseId: kase.id,
      changes: { tlp: { after: tlp }, objects: { after: objects.size + 1 } },
    });
  });
  const bundle: StixBundle = { type: "bundle", id: objectId("bundle", kase.id, now), objects: [marking, ...objects.values()] };
  return { bundle, caseNumber: kase.number, tlp };
}

function attributeObservable(type: AttributeType, value: string, common: Record<string, unknown>): StixObject | null {
  if (type === "IP") {
    const t = value.includes(":") ? "ipv6-addr" : "ipv4-addr";
    return { type: t, id: observableId(t, { value }), ...common, value };
  }
  if (type === "EMAIL_DOMAIN") return { type: "domain-name", id: observableId("domain-name", { value }), ...common, value };
  const custom = CUSTOM_OBSERVABLES[type];
  if (!custom) return null;
  return { type: custom, id: observableId(custom, { value }), ...common, value, extensions: { [EXTENSION_ID]: { extension_type: "new-sco" } } };
}

function relationText(type: AttributeType): string {
  switch (type) {
    case "IP": return "the account sent requests from this address";
    case "API_KEY": return "the account used this API key";
    case "USER_AGENT": return "the account sent this user agent";
    case "PAYMENT_FINGERPRINT": return "the account paid with this payment instrument";
    case "DEVICE_ID": return "the account was used from this device";
    case "EMAIL_DOMAIN": return "the account's email address is at this domain";
  }
}

function indicatorFor(
  f: DistillationAccount,
  caseId: string,
  computedAt: string,
  sdo: (type: string, key: string[], rest: Record<string, unknown>) => StixObject,
  accountRef: string | undefined,
  patternId: string,
): StixObject[] {
  const top = [...f.factors].sort((a, b) => b.points - a.points).slice(0, 5);
  const indicator = sdo("indicator", [caseId, f.accountId], {
    name: `Distillation activity by account ${f.externalId}`,
    description: `Distillation score ${f.score} of 100. ${top.map((x) => `${x.label}: ${x.detail}`).join(" ")}`.slice(0, 4000),
    indicator_types: ["malicious-activity"],
    pattern: `[user-account:user_id = ${patternString(f.externalId)}]`,
    pattern_type: "stix",
    valid_from: computedAt,
    confidence: Math.max(0, Math.min(100, Math.round(f.score))),
    labels: ["model-distillation"],
  });
  const out = [indicator, sdo("relationship", ["indicates", caseId, f.accountId], { relationship_type: "indicates", source_ref: indicator.id, target_ref: patternId })];
  if (accountRef) out.push(sdo("relationship", ["based-on", caseId, f.accountId], { relationship_type: "related-to", source_ref: indicator.id, target_ref: accountRef, description: "the account this indicator matches" }));
  return out;
}
