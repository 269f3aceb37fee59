// Settings an admin changes in the app, one row per key (the webhook URL and secret). Values are
// stored as written; secrets among them are never shown back or written to the audit trail.
import type { RequestContext } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db, type Tx } from "@/lib/db/client";

export async function readSettings<K extends string>(keys: readonly K[], tx: Tx = db()): Promise<Partial<Record<K, string>>> {
  const rows = await tx.setting.findMany({ where: { key: { in: [...keys] } }, select: { key: true, value: true } });
  return Object.fromEntries(rows.map((r) => [r.key, r.value])) as Partial<Record<K, string>>;
}

/** Sets (string) or clears (null) each key; one audit event naming what changed (secrets as "changed").
 *  `afterChange` runs in the same transaction when anything changed (e.g. to enqueue work the change asks for). */
export async function writeSettings(
  ctx: RequestContext,
  values: Record<string, string | null>,
  secretKeys: readonly string[] = [],
  afterChange?: (tx: Tx) => Promise<void>,
): Promise<void> {
  assertCan(ctx.actor, "users:manage", "Only an admin can change settings");
  await db().$transaction(async (tx) => {
    const before = await readSettings(Object.keys(values), tx);
    const changes: Record<string, { before?: unknown; after?: unknown }> = {};
    for (const [key, value] of Object.entries(values)) {
      if ((before[key] ?? null) === value) continue;
      if (value === null) await tx.setting.deleteMany({ where: { key } });
      else await tx.setting.upsert({ where: { key }, create: { key, value, updatedById: ctx.actor.id }, update: { value, updatedById: ctx.actor.id } });
      changes[key] = secretKeys.includes(key)
        ? { before: before[key] ? "(set)" : null, after: value === null ? null : "(changed)" }
        : { before: before[key] ?? null, after: value };
    }
    if (Object.keys(changes).length === 0) return;
    await appendAuditEvent(tx, auditContextOf(ctx), { action: "settings.update", entityType: "Setting", changes });
    await afterChange?.(tx);
  });
}
