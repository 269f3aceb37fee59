// The second-factor panel with its data, for the profile page and the enrolment page.
import type { RequestContext } from "@/lib/access/actor";
import { SecondFactorPanel } from "@/components/profile/second-factor-panel";
import { readPendingEnrolment, readSecondFactorStatus } from "@/lib/auth/second-factor";
import { confirmEnrolmentAction, disableSecondFactorAction, startEnrolmentAction } from "./actions";

export async function SecondFactorSection({ ctx, required, doneHref }: { ctx: RequestContext; required: boolean; doneHref: string }) {
  const status = await readSecondFactorStatus(ctx.actor.id);
  const pending = status.enabled ? null : await readPendingEnrolment(ctx);
  return (
    <SecondFactorPanel
      status={{ enabled: status.enabled, enabledAt: status.enabledAt?.toISOString() ?? null, recoveryCodesLeft: status.recoveryCodesLeft }}
      pending={pending && { secret: pending.secret, qrSvg: pending.qrSvg }}
      required={required}
      doneHref={doneHref}
      startAction={startEnrolmentAction}
      confirmAction={confirmEnrolmentAction}
      disableAction={disableSecondFactorAction}
    />
  );
}
