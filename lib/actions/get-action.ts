import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import type { ActionStatus } from "@/lib/generated/sqlite/enums";
import { loadActionAccess } from "@/lib/actions/action-access";
import { decideAction, operationForMove } from "@/lib/actions/action-policy";
import { allowedMoves } from "@/lib/actions/action-status";
import type { ActionDetail } from "@/lib/actions/action-view";
import { loadActionDetail } from "@/lib/actions/load-action-detail";

/** One action with its targets, cited evidence and timeline (404 if its case is hidden from the reader). */
export async function getAction(actor: Actor, id: string): Promise<ActionDetail> {
  const tx = db();
  await loadActionAccess(tx, actor, id);
  return loadActionDetail(tx, actor, id);
}

/** The action and the moves this reader may make next (the state machine's, filtered by the policy). */
export async function getActionForViewer(actor: Actor, id: string): Promise<{ action: ActionDetail; myMoves: ActionStatus[] }> {
  const tx = db();
  const access = await loadActionAccess(tx, actor, id);
  const action = await loadActionDetail(tx, actor, id);
  const myMoves = allowedMoves(access.type, access.status).filter((to) => decideAction(actor, access.facts, operationForMove(access.type, to)) === "allow");
  return { action, myMoves };
}
