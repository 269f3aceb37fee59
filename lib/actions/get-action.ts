import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { loadActionAccess } from "@/lib/actions/action-access";
import type { ActionDetail } from "@/lib/actions/action-view";
import { loadActionDetail } from "@/lib/actions/load-action-detail";

/** One action with its targets, cited evidence and timeline (404 if its case is hidden from the reader). */
export async function getAction(actor: Actor, id: string): Promise<ActionDetail> {
  const tx = db();
  await loadActionAccess(tx, actor, id);
  return loadActionDetail(tx, actor, id);
}
