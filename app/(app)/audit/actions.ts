"use server";
import type { VerifyState } from "@/components/audit/verify-audit-panel";
import { defineFormAction } from "@/components/form-action";
import { verifyAudit } from "@/lib/audit/verify-audit";

export const verifyAuditAction = defineFormAction<VerifyState>(
  async (ctx) => {
    const report = await verifyAudit(ctx.actor);
    return report.ok
      ? { ok: true, intact: true, message: `Audit trail intact: ${report.events} events` }
      : { ok: true, intact: false, message: `Audit trail broken at event #${report.brokenSeq}: ${report.reason}` };
  },
  { refresh: false },
);
