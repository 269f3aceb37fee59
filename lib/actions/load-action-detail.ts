import type { Actor } from "@/lib/access/actor";
import type { Tx } from "@/lib/db/client";
import { allowedMoves } from "@/lib/actions/action-status";
import { actionDetailSelect, toActionDetail, type ActionDetail } from "@/lib/actions/action-view";

/** The detail of an action the caller has already been allowed to read. */
export async function loadActionDetail(tx: Tx, _actor: Actor, id: string): Promise<ActionDetail> {
  const row = await tx.action.findUniqueOrThrow({ where: { id }, select: actionDetailSelect });
  return toActionDetail(row, allowedMoves(row.type, row.status));
}
