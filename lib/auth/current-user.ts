// The signed-in user of a page, server action or route handler. Pages and actions call
// requireUser(); it sends anyone without a live session to the sign-in page.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import type { Actor, RequestContext } from "@/lib/access/actor";
import { actorOfSession, authOptions } from "@/lib/auth/auth-options";
import { clientAddress } from "@/lib/http/client-address";
import { requestIdOf } from "@/lib/http/request-id";
import { REQUESTED_PATH_HEADER, signInPathFor } from "@/lib/http/safe-redirect";

export const currentUser = cache(async (): Promise<Actor | null> => actorOfSession(await getServerSession(authOptions())));

export async function requireUser(): Promise<Actor> {
  const actor = await currentUser();
  // Back to the page asked for after sign-in (same-origin paths only: lib/http/safe-redirect.ts).
  if (!actor) redirect(signInPathFor((await headers()).get(REQUESTED_PATH_HEADER)));
  return actor;
}

/** The id of this browser's server-side session (null without one), e.g. to keep it when ending the others. */
export async function currentSessionId(): Promise<string | null> {
  const session = (await getServerSession(authOptions())) as { sid?: unknown } | null;
  return typeof session?.sid === "string" ? session.sid : null;
}

/** The actor plus request id and client address, for audit events written by server actions. */
export async function requireRequestContext(): Promise<RequestContext> {
  const actor = await requireUser();
  const h = await headers();
  return { actor, requestId: requestIdOf(h), ip: clientAddress(h) };
}
