import type { RequestContext } from "@/lib/access/actor";

/** Who an audit event is attributed to: a signed-in user, a token, or the system (CLI, start-up). */
export type AuditContext = {
  actorId: string | null;
  actorEmail: string | null;
  requestId: string | null;
  ip: string | null;
};

export function auditContextOf(ctx: RequestContext): AuditContext {
  return { actorId: ctx.actor.id, actorEmail: ctx.actor.email, requestId: ctx.requestId, ip: ctx.ip };
}

export const SYSTEM_CONTEXT: AuditContext = { actorId: null, actorEmail: "system", requestId: null, ip: null };
