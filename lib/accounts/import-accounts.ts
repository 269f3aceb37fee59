// Bulk import of accounts from CSV or JSON (import-rows.ts reads the file). Every row is validated
// by the same schema as POST /accounts; bad rows are answered with their line and reason and never
// block the good ones. A dry run classifies every row (created / updated / unchanged / refused)
// exactly as the real run would and writes nothing. The real run upserts by external id in
// batched transactions (multi-row INSERTs for new accounts): a batch commits whole or not at all,
// and the one audit event of the import, with its counts, commits with the last batch. When a batch
// fails, the batches before it stay (re-running the file finishes the job: they count as
// unchanged), an `account.import.failed` event records what committed, and the error says where it
// stopped. Suggested links are recomputed once at the end.
import { randomUUID } from "node:crypto";
import type { RequestContext } from "@/lib/access/actor";
import { assertAccountWrite } from "@/lib/accounts/account-access";
import { joinEmails } from "@/lib/accounts/account-detail";
import { ZCreateAccountInput, type CreateAccountData } from "@/lib/accounts/account-schemas";
import { detectFormat, estimateRows, readImportRows, type ImportFormat } from "@/lib/accounts/import-rows";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { insertRows, newId, type Column } from "@/lib/db/bulk-insert";
import { db, type Tx } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import type { AttributeType } from "@/lib/generated/sqlite/enums";
import { recomputeSuggestedLinks } from "@/lib/link-suggestions/suggest-links";
import type { RecomputeResult } from "@/lib/link-suggestions/suggestion-types";

export type ImportError = { line: number; reason: string };
export type ImportCounts = { created: number; updated: number; unchanged: number; refused: number };
export type ImportResult = ImportCounts & {
  dryRun: boolean;
  format: ImportFormat;
  /** Data rows read (refused ones included). */
  total: number;
  errors: ImportError[];
  /** The suggested links recomputed after a real run that changed attributes. */
  links: RecomputeResult | null;
};
export type ImportProgress = { done: number; total: number };
export type ImportFile = { text: string; filename?: string; mediaType?: string };
export type ImportOptions = {
  dryRun?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** Rows per transaction (default 2,000). */
  batchSize?: number;
  /** Recompute suggested links after the import (default true; the benchmark times it apart). */
  recomputeLinks?: boolean;
};

export const DEFAULT_IMPORT_BATCH = 2_000;

type Row = { line: number; data: CreateAccountData; keys: Set<string> };
type Existing = {
  id: string;
  externalId: string;
  displayName: string;
  emails: string;
  organization: string;
  country: string | null;
  providerCreatedAt: Date | null;
  status: string;
  riskScore: number;
  attributes?: Set<string>;
};

const attrKey = (a: { type: string; value: string }) => `${a.type}\u0000${a.value}`;

export async function importAccounts(ctx: RequestContext, file: ImportFile, opts: ImportOptions = {}): Promise<ImportResult> {
  assertAccountWrite(ctx.actor);
  const dryRun = opts.dryRun ?? false;
  const batchSize = opts.batchSize ?? DEFAULT_IMPORT_BATCH;
  const format = detectFormat(file.text, file.filename, file.mediaType);
  const estimate = estimateRows(file.text, format);
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  const errors: ImportError[] = [];
  const firstLine = new Map<string, number>();
  const touched: string[] = [];
  const importId = randomUUID();
  let attributesChanged = false;
  let total = 0;
  let batch: Row[] = [];
  let runningFrom = 0; // first line of the batch being written
  let committedBatches = 0;

  const refuse = (line: number, reason: string) => {
    counts.refused++;
    errors.push({ line, reason });
  };

  const audit = (tx: Tx) =>
    appendAuditEvent(tx, auditContextOf(ctx), {
      action: "account.import",
      entityType: "AccountImport",
      entityId: importId,
      changes: { filename: file.filename ?? null, format, total, ...counts, errors: errors.length },
    });

  const run = async (rows: Row[], last: boolean) => {
    runningFrom = rows[0]?.line ?? total;
    if (dryRun) {
      await classifyAndWrite(db(), rows, counts, null);
    } else {
      await db().$transaction(
        async (tx) => {
          const before = { ...counts };
          try {
            const result = await classifyAndWrite(tx, rows, counts, touched);
            if (result.attributesChanged) attributesChanged = true;
            if (last) await audit(tx);
          } catch (e) {
            Object.assign(counts, before); // the batch rolls back, so its counts do too
            throw e;
          }
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
      committedBatches++;
    }
    opts.onProgress?.({ done: total, total: Math.max(total, estimate) });
  };

  try {
    for await (const raw of readImportRows(file.text, format)) {
      total++;
      if ("error" in raw) {
        refuse(raw.line, raw.error);
        continue;
      }
      const parsed = ZCreateAccountInput.safeParse(raw.data);
      if (!parsed.success) {
        refuse(raw.line, parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`).join("; "));
        continue;
      }
      const seenAt = firstLine.get(parsed.data.externalId);
      if (seenAt !== undefined) {
        refuse(raw.line, `externalId ${parsed.data.externalId} is already on line ${seenAt} of this file`);
        continue;
      }
      firstLine.set(parsed.data.externalId, raw.line);
      batch.push({ line: raw.line, data: parsed.data, keys: new Set(Object.keys(raw.data)) });
      if (batch.length >= batchSize) {
        const rows = batch;
        batch = [];
        await run(rows, false);
      }
    }
    await run(batch, true);
  } catch (e) {
    // A file unreadable before anything was written (bad header, malformed JSON): a plain 400.
    if (dryRun || (isAppError(e) && e.code === "INVALID_INPUT" && committedBatches === 0)) throw e;
    const stoppedAtLine = isAppError(e) && e.code === "INVALID_INPUT" ? (batch[0]?.line ?? total) : runningFrom;
    await recordFailure(ctx, importId, file, format, counts, stoppedAtLine, e);
    throw new AppError(
      isAppError(e) && e.code === "INVALID_INPUT" ? "INVALID_INPUT" : "INTERNAL",
      `The import stopped at the batch starting on line ${stoppedAtLine}; the batches before it were imported ` +
        `(${counts.created} created, ${counts.updated} updated). Re-run the file to finish: imported rows count as unchanged.`,
      { committed: counts, stoppedAtLine, cause: isAppError(e) ? e.message : undefined },
    );
  }

  const links = !dryRun && opts.recomputeLinks !== false && attributesChanged ? await recomputeSuggestedLinks({ accountIds: touched }) : null;
  return { dryRun, format, total, ...counts, errors, links };
}

async function recordFailure(ctx: RequestContext, importId: string, file: ImportFile, format: ImportFormat, counts: ImportCounts, line: number, e: unknown) {
  await db()
    .$transaction((tx) =>
      appendAuditEvent(tx, auditContextOf(ctx), {
        action: "account.import.failed",
        entityType: "AccountImport",
        entityId: importId,
        changes: { filename: file.filename ?? null, format, committed: counts, stoppedAtLine: line, error: (e as Error)?.message?.slice(0, 500) ?? "unknown" },
      }),
    )
    .catch(() => undefined); // the failure is reported to the caller either way
}

/** Sorts one batch into created / updated / unchanged and (with a transaction) writes it. */
async function classifyAndWrite(tx: Tx, rows: Row[], counts: ImportCounts, touched: string[] | null): Promise<{ attributesChanged: boolean }> {
  if (rows.length === 0) return { attributesChanged: false };
  const existing = await loadExisting(tx, rows);
  const creates: Row[] = [];
  const updates: { row: Row; before: Existing }[] = [];
  let attributesChanged = false;
  for (const row of rows) {
    const before = existing.get(row.data.externalId);
    if (!before) {
      creates.push(row);
      counts.created++;
      if (row.data.attributes.length) attributesChanged = true;
    } else if (differs(row, before)) {
      updates.push({ row, before });
      counts.updated++;
    } else {
      counts.unchanged++;
    }
  }
  if (!touched) return { attributesChanged };
  const now = new Date();
  const ids = creates.map(() => newId());
  await insertAccounts(tx, creates, ids, now);
  await insertAttributes(
    tx,
    creates.flatMap((r, i) => r.data.attributes.map((a) => ({ accountId: ids[i], type: a.type, value: a.value }))),
  );
  touched.push(...ids.filter((_, i) => creates[i].data.attributes.length > 0));
  for (const { row, before } of updates) {
    if (await applyUpdate(tx, row, before)) {
      attributesChanged = true;
      touched.push(before.id);
    }
  }
  return { attributesChanged };
}

async function loadExisting(tx: Tx, rows: Row[]): Promise<Map<string, Existing>> {
  const found = await tx.account.findMany({
    where: { externalId: { in: rows.map((r) => r.data.externalId) } },
    select: { id: true, externalId: true, displayName: true, emails: true, organization: true, country: true, providerCreatedAt: true, status: true, riskScore: true },
  });
  const byExternal = new Map<string, Existing>(found.map((f) => [f.externalId, f]));
  const withAttributes = rows.filter((r) => r.keys.has("attributes") && byExternal.has(r.data.externalId)).map((r) => byExternal.get(r.data.externalId)!);
  if (withAttributes.length) {
    const attrs = await tx.accountAttribute.findMany({ where: { accountId: { in: withAttributes.map((e) => e.id) } }, select: { accountId: true, type: true, value: true } });
    const byId = new Map(withAttributes.map((e) => [e.id, e]));
    for (const e of withAttributes) e.attributes = new Set();
    for (const a of attrs) byId.get(a.accountId)!.attributes!.add(attrKey(a));
  }
  return byExternal;
}

/** The fields a row gives (its keys), compared with the stored account. */
function changedFields(row: Row, before: Existing): Record<string, unknown> {
  const d = row.data;
  const out: Record<string, unknown> = {};
  if (row.keys.has("displayName") && d.displayName !== before.displayName) out.displayName = d.displayName;
  if (row.keys.has("emails") && joinEmails(d.emails) !== before.emails) out.emails = joinEmails(d.emails);
  if (row.keys.has("organization") && d.organization !== before.organization) out.organization = d.organization;
  if (row.keys.has("country") && (d.country ?? null) !== before.country) out.country = d.country ?? null;
  if (row.keys.has("providerCreatedAt") && (d.providerCreatedAt?.getTime() ?? null) !== (before.providerCreatedAt?.getTime() ?? null)) {
    out.providerCreatedAt = d.providerCreatedAt ?? null;
  }
  if (row.keys.has("status") && d.status !== before.status) out.status = d.status;
  if (row.keys.has("riskScore") && d.riskScore !== before.riskScore) out.riskScore = d.riskScore;
  return out;
}

function attributesDiffer(row: Row, before: Existing): boolean {
  if (!row.keys.has("attributes") || !before.attributes) return false;
  if (row.data.attributes.length !== before.attributes.size) return true;
  return row.data.attributes.some((a) => !before.attributes!.has(attrKey(a)));
}

const differs = (row: Row, before: Existing) => Object.keys(changedFields(row, before)).length > 0 || attributesDiffer(row, before);

/** Returns whether the attributes changed. */
async function applyUpdate(tx: Tx, row: Row, before: Existing): Promise<boolean> {
  const fields = changedFields(row, before);
  await tx.account.update({ where: { id: before.id }, data: { ...fields, version: { increment: 1 } } });
  if (!attributesDiffer(row, before)) return false;
  const next = new Set(row.data.attributes.map(attrKey));
  const removed = [...before.attributes!].filter((k) => !next.has(k));
  for (const k of removed) {
    const [type, value] = k.split("\u0000");
    await tx.accountAttribute.delete({ where: { accountId_type_value: { accountId: before.id, type: type as AttributeType, value } } });
  }
  await insertAttributes(
    tx,
    row.data.attributes.filter((a) => !before.attributes!.has(attrKey(a))).map((a) => ({ accountId: before.id, type: a.type, value: a.value })),
  );
  return true;
}

async function insertAccounts(tx: Tx, rows: Row[], ids: string[], now: Date): Promise<void> {
  await insertRows(
    tx,
    "Account",
    ACCOUNT_COLUMNS,
    rows.map((r, i) => {
      const d = r.data;
      return [ids[i], d.externalId, d.displayName, joinEmails(d.emails), d.organization, d.country ?? null, d.providerCreatedAt ?? null, d.status, d.riskScore, 1, now, now];
    }),
  );
}

const ACCOUNT_COLUMNS: Column[] = [
  { name: "id" }, { name: "externalId" }, { name: "displayName" }, { name: "emails" }, { name: "organization" }, { name: "country" },
  { name: "providerCreatedAt", type: "timestamp" }, { name: "status", type: { enum: "AccountStatus" } }, { name: "riskScore", type: "int" },
  { name: "version", type: "int" }, { name: "createdAt", type: "timestamp" }, { name: "updatedAt", type: "timestamp" },
];
const ATTRIBUTE_COLUMNS: Column[] = [{ name: "accountId" }, { name: "type", type: { enum: "AttributeType" } }, { name: "value" }];

async function insertAttributes(tx: Tx, rows: { accountId: string; type: AttributeType; value: string }[]): Promise<void> {
  await insertRows(tx, "AccountAttribute", ATTRIBUTE_COLUMNS, rows.map((r) => [r.accountId, r.type, r.value]));
}
