// Who may touch the account registry, and the lookups every account operation starts from.
// The registry itself is shared; what ties an account to a case follows the case's visibility
// (lib/access/case-access.ts), which every query here reuses rather than restates.
import type { Actor } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import type { Tx } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export function assertAccountRead(actor: Actor): void {
  assertCan(actor, "account:read", "Your role cannot see accounts");
}

export function assertAccountWrite(actor: Actor): void {
  assertCan(actor, "account:write", "Your role cannot change accounts");
}

export type AccountKeyRow = { id: string; externalId: string; version: number };

/** An account by id, or by its external id when no account has that id; 404 when neither. */
export async function requireAccount(tx: Tx, idOrExternalId: string): Promise<AccountKeyRow> {
  const select = { id: true, externalId: true, version: true } as const;
  const row =
    (await tx.account.findUnique({ where: { id: idOrExternalId }, select })) ??
    (await tx.account.findUnique({ where: { externalId: idOrExternalId }, select }));
  if (!row) throw notFound("Account not found");
  return row;
}
