// The signed-in user of a page, server action or route handler. Pages and actions call
// requireUser(); it sends anyone without a live session to the sign-in page.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import type { Actor, RequestContext } from "@/lib/access/actor";
import { actorOfSession, authOptions, enrollingActorOfSession } from "@/lib/auth/auth-options";
import { clientAddress } from "@/lib/http/client-address";
import { requestIdOf } from "@/lib/http/request-id";
import { REQUESTED_PATH_HEADER, signInPathFor } from "@/lib/http/safe-redirect";

export const currentUser = cache(async (): Promise<Actor | null> => actorOfSession(await getServerSession(authOptions())));

/** The page where a user who must have a second factor enrols it (app/second-factor). */
export const ENROL_SECOND_FACTOR_PATH = "/second-factor";

export async function requireUser(): Promise<Actor> {
  const actor = await currentUser();
  // Signed in, but a second factor must be enrolled first: nothing else until then.
  if (!actor && (await enrollingUser())) redirect(ENROL_SECOND_FACTOR_PATH);
  // Back to the page asked for after sign-in (same-origin paths only: lib/http/safe-redirect.ts).
  if (!actor) redirect(signInPathFor((await headers()).get(REQUESTED_PATH_HEADER)));
  return actor;
}

const enrollingUser = cache(async (): Promise<Actor | null> => enrollingActorOfSession(await getServerSession(authOptions())));

/** The signed-in user on the second-factor page: also one who must enrol before anything else. */
export async function requireEnrolmentContext(): Promise<RequestContext & { mustEnrol: boolean }> {
  const enrolling = await enrollingUser();
  const actor = enrolling ?? (await requireUser());
  const h = await headers();
  return { actor, requestId: requestIdOf(h), ip: clientAddress(h), mustEnrol: !!enrolling };
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
