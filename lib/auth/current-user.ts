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

export const currentUser = cache(async (): Promise<Actor | null> => actorOfSession(await getServerSession(authOptions())));

export async function requireUser(): Promise<Actor> {
  const actor = await currentUser();
  if (!actor) redirect("/login");
  return actor;
}

/** The actor plus request id and client address, for audit events written by server actions. */
export async function requireRequestContext(): Promise<RequestContext> {
  const actor = await requireUser();
  const h = await headers();
  return { actor, requestId: requestIdOf(h), ip: clientAddress(h) };
}
