"use server";
// The second factor's server actions, for the profile page and for the enrolment page a user who
// must have one is held on (lib/auth/second-factor-gate.ts).
import { refresh } from "next/cache";
import type { ActionState } from "@/components/action-state";
import { failure, pickFields } from "@/components/action-result";
import { requireEnrolmentContext } from "@/lib/auth/current-user";
import { confirmSecondFactorEnrolment, disableSecondFactor, startSecondFactorEnrolment } from "@/lib/auth/second-factor";

export type EnrolmentState = ActionState & { recoveryCodes?: string[] };

export async function startEnrolmentAction(_state: ActionState, _form: FormData): Promise<ActionState> {
  const ctx = await requireEnrolmentContext();
  try {
    await startSecondFactorEnrolment(ctx);
    refresh();
    return { ok: true, message: "Scan the QR code, then enter the code your app shows" };
  } catch (e) {
    return failure(e);
  }
}

/** On success, the recovery codes: shown this once, never again. */
export async function confirmEnrolmentAction(_state: EnrolmentState, form: FormData): Promise<EnrolmentState> {
  const ctx = await requireEnrolmentContext();
  try {
    const { recoveryCodes } = await confirmSecondFactorEnrolment(ctx, pickFields(form, ["code"]));
    return { ok: true, message: "Second factor enabled", recoveryCodes };
  } catch (e) {
    return failure(e);
  }
}

export async function disableSecondFactorAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireEnrolmentContext();
  try {
    await disableSecondFactor(ctx, pickFields(form, ["code", "password"]));
    refresh();
    return { ok: true, message: "Second factor turned off" };
  } catch (e) {
    return failure(e); // never echo the password back
  }
}
