// The one body of every server action: success refreshes the page (unless told not to), a redirect
// reaches Next instead of being caught, an AppError becomes form state (values echoed only when
// asked, secrets never), and anything else is rethrown. The session is the context option's, so no
// request or database is involved; Next's refresh() needs a request, so it is a spy here.
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/components/action-state";
import { defineFormAction, defineFormSubmit, redirectTo } from "@/components/form-action";
import type { RequestContext } from "@/lib/access/actor";
import { invalidInput, notFound } from "@/lib/errors";

const refreshed = vi.hoisted(() => ({ count: 0 }));
vi.mock("next/cache", () => ({ refresh: () => void refreshed.count++ }));

const ctx = { actor: { id: "u1" }, requestId: "r1", ip: "127.0.0.1" } as unknown as RequestContext;
const context = async () => ctx;
const idle: ActionState = { ok: false };

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

beforeEach(() => {
  refreshed.count = 0;
});

describe("defineFormAction", () => {
  it("gives the work the session and the form, returns its state and refreshes the page", async () => {
    const action = defineFormAction<ActionState>(async (c, form) => ({ ok: true, message: `${c.actor.id} saved ${form.get("title")}` }), { context });
    expect(await action(idle, formOf({ title: "T" }))).toEqual({ ok: true, message: "u1 saved T" });
    expect(refreshed.count).toBe(1);
  });

  it("does not refresh when told not to", async () => {
    const action = defineFormAction<ActionState>(async () => ({ ok: true }), { context, refresh: false });
    await action(idle, formOf({}));
    expect(refreshed.count).toBe(0);
  });

  it("lets a redirect reach Next (not caught, no refresh)", async () => {
    const action = defineFormAction<ActionState>(async () => redirectTo("/cases/LAN-2026-0001?toast=Saved"), { context });
    const thrown = await action(idle, formOf({})).catch((e: unknown) => e);
    expect(isRedirectError(thrown)).toBe(true);
    expect((thrown as { digest: string }).digest).toContain("/cases/LAN-2026-0001?toast=Saved");
    expect(refreshed.count).toBe(0);
  });

  it("turns an AppError into form state with its field errors, echoing values only when asked and never the omitted ones", async () => {
    const fail = async () => {
      throw invalidInput("Check the fields", { "tags.2": ["Too long"], secret: ["Too short"] });
    };
    const form = formOf({ url: "https://x.test", secret: "s3cret" });
    const quiet = await defineFormAction<ActionState>(fail, { context })(idle, form);
    expect(quiet).toEqual({ ok: false, message: "Check the fields", fieldErrors: { tags: ["Too long"], secret: ["Too short"] }, values: undefined });
    const echoed = await defineFormAction<ActionState>(fail, { context, echo: { omit: ["secret"] } })(idle, form);
    expect(echoed.values).toEqual({ url: "https://x.test" });
    const all = await defineFormAction<ActionState>(fail, { context, echo: true })(idle, form);
    expect(all.values).toEqual({ url: "https://x.test", secret: "s3cret" });
    expect(refreshed.count).toBe(0);
  });

  it("uses the action's own failure mapping when it has one", async () => {
    const action = defineFormAction<ActionState>(
      async () => {
        throw notFound("No such case");
      },
      { context, fail: (e, form) => ({ ok: false, message: `${(e as Error).message} (${form.get("caseId")})` }) },
    );
    expect(await action(idle, formOf({ caseId: "LAN-1" }))).toEqual({ ok: false, message: "No such case (LAN-1)" });
  });

  it("rethrows anything that is not an AppError", async () => {
    const action = defineFormAction<ActionState>(
      async () => {
        throw new TypeError("bug");
      },
      { context },
    );
    await expect(action(idle, formOf({}))).rejects.toThrow("bug");
  });

  it("does no work without a session", async () => {
    const work = vi.fn(async () => ({ ok: true }));
    const action = defineFormAction<ActionState>(work, {
      context: async () => {
        throw new Error("signed out");
      },
    });
    await expect(action(idle, formOf({}))).rejects.toThrow("signed out");
    expect(work).not.toHaveBeenCalled();
  });
});

describe("defineFormSubmit", () => {
  it("refreshes after the work, and lets its errors through to the error boundary", async () => {
    // Without a request, requireRequestContext() fails before the work: a plain submit never runs
    // signed out. (Its session is always requireRequestContext's.)
    const work = vi.fn(async () => undefined);
    await expect(defineFormSubmit(work)(formOf({}))).rejects.toThrow();
    expect(work).not.toHaveBeenCalled();
    expect(refreshed.count).toBe(0);
  });
});
