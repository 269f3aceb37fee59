// The one body of every server action (app/**/actions.ts): the session first (a visitor without
// one is sent to sign in), then the action's work; on success the page is refreshed, or the
// browser is sent where the work says; an expected error (AppError) comes back as form state with
// its message, its field errors and, if asked, the submitted values; anything else is rethrown to
// the error boundary. Server-side only; used by app/ alone.
import "server-only";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { failure, formValues } from "@/components/action-result";
import type { ActionState, FormValues } from "@/components/action-state";
import type { RequestContext } from "@/lib/access/actor";
import { requireRequestContext } from "@/lib/auth/current-user";

/** A work's answer that sends the browser to another page instead of returning a state. */
export type RedirectTo = { redirectTo: string };

export function redirectTo(href: string): RedirectTo {
  return { redirectTo: href };
}

type FormActionOptions<S extends ActionState, C extends RequestContext> = {
  /** How the session is required; requireRequestContext unless the action says otherwise. */
  context?: () => Promise<C>;
  /** Echo the submitted values back on failure: all of them, or all but these (never secrets). */
  echo?: true | { omit: readonly string[] };
  /** An action's own mapping of a failure onto its form, instead of failure(). */
  fail?: (e: unknown, form: FormData) => S;
  /** false: the page is not refreshed after success (the answer itself is all that changes). */
  refresh?: false;
};

/** A form's server action as useActionState calls it, built around its work. */
export function defineFormAction<S extends ActionState, C extends RequestContext = RequestContext>(
  work: (ctx: C, form: FormData) => Promise<S | RedirectTo>,
  options: FormActionOptions<S, C> = {},
): (state: S, form: FormData) => Promise<S> {
  const requireContext = options.context ?? (requireRequestContext as () => Promise<C>);
  return async (_state, form) => {
    const ctx = await requireContext();
    let done: S | RedirectTo;
    try {
      done = await work(ctx, form);
    } catch (e) {
      // failure() rethrows anything that is not an AppError. Its state has no fields beyond
      // ActionState's, which every action's own state type leaves optional.
      return options.fail ? options.fail(e, form) : (failure(e, echoed(form, options.echo)) as S);
    }
    // Outside the try: Next's redirect() throws, and that must reach Next, not failure().
    if ("redirectTo" in done) redirect(done.redirectTo);
    if (options.refresh !== false) refresh();
    return done;
  };
}

/** A server action of a form without feedback state (a plain button): errors go to the error boundary. */
export function defineFormSubmit(work: (ctx: RequestContext, form: FormData) => Promise<unknown>): (form: FormData) => Promise<void> {
  return async (form) => {
    const ctx = await requireRequestContext();
    await work(ctx, form);
    refresh();
  };
}

function echoed(form: FormData, echo: FormActionOptions<ActionState, RequestContext>["echo"]): FormValues | undefined {
  if (!echo) return undefined;
  return formValues(form, echo === true ? [] : echo.omit);
}
