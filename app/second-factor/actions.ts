"use server";
// The second factor's server actions, for the profile page and for the enrolment page a user who
// must have one is held on (lib/auth/second-factor-gate.ts).
import type { ActionState } from "@/components/action-state";
import { pickFields } from "@/components/action-result";
import { defineFormAction } from "@/components/form-action";
import { requireEnrolmentContext } from "@/lib/auth/current-user";
import { confirmSecondFactorEnrolment, disableSecondFactor, startSecondFactorEnrolment } from "@/lib/auth/second-factor";

export type EnrolmentState = ActionState & { recoveryCodes?: string[] };

export const startEnrolmentAction = defineFormAction<ActionState>(
  async (ctx) => {
    await startSecondFactorEnrolment(ctx);
    return { ok: true, message: "Scan the QR code, then enter the code your app shows" };
  },
  { context: requireEnrolmentContext },
);

/** On success, the recovery codes: shown this once, never again (no refresh: the answer shows them). */
export const confirmEnrolmentAction = defineFormAction<EnrolmentState>(
  async (ctx, form) => {
    const { recoveryCodes } = await confirmSecondFactorEnrolment(ctx, pickFields(form, ["code"]));
    return { ok: true, message: "Second factor enabled", recoveryCodes };
  },
  { context: requireEnrolmentContext, refresh: false },
);

// Never echoes the password back.
export const disableSecondFactorAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    await disableSecondFactor(ctx, pickFields(form, ["code", "password"]));
    return { ok: true, message: "Second factor turned off" };
  },
  { context: requireEnrolmentContext },
);
