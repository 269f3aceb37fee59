import { describe, expect, it } from "vitest";
import { describeAuditEvent } from "@/lib/audit/describe-audit-event";

const base = { entityType: "Case", actorName: "Dana", caseNumber: "LAN-2026-0003" };

describe("describeAuditEvent", () => {
  it.each([
    ["case.transition", { status: { before: "ACTIVE", after: "IN_REVIEW" } }, null, "Dana moved LAN-2026-0003 from Active to In review"],
    ["case.transition", { status: { before: "IN_REVIEW", after: "CLOSED" }, resolution: { after: "SUBSTANTIATED" } }, null, "Dana moved LAN-2026-0003 from In review to Closed (Substantiated)"],
    ["case.update", { title: { before: "a", after: "b" }, dueAt: { after: null } }, null, "Dana changed the title, due date of LAN-2026-0003"],
    ["case.update", { restricted: { before: false, after: true }, reason: { after: "review" } }, null, "Dana restricted LAN-2026-0003"],
    ["case.assign", { leadId: { before: null, after: "u1" } }, null, "Dana changed the lead of LAN-2026-0003"],
    ["note.pin", { pinned: { before: false, after: true } }, null, "Dana pinned a note on LAN-2026-0003"],
    ["evidence.upload", {}, "Harvest log", "Dana uploaded “Harvest log” to LAN-2026-0003"],
    ["evidence.verify", { ok: { after: false } }, "Harvest log", "Dana verified “Harvest log” on LAN-2026-0003: the hash does NOT match"],
    ["evidence.verify", { ok: { after: false }, crc32: { before: "0badc0de", after: "cbf43926" } }, "Harvest log", "Dana verified “Harvest log” on LAN-2026-0003: intact, but its recorded CRC-32 was wrong (corrected)"],
    ["evidence.verify", { crc32: { before: null, after: "cbf43926" } }, "Harvest log", "Dana verified “Harvest log” on LAN-2026-0003: intact"],
    ["account.attach", { role: { after: "SUBJECT" } }, "acct-1", "Dana attached account “acct-1” to LAN-2026-0003 as Subject"],
    ["action.transition", { status: { before: "PROPOSED", after: "APPROVED" } }, null, "Dana moved an action on LAN-2026-0003 from Proposed to Approved"],
    ["distillation.templates.view", { templates: { after: 10 }, withText: { after: 8 } }, null, "Dana viewed the prompt templates on LAN-2026-0003"],
    ["distillation.samples.view", { page: { after: 1 } }, null, "Dana read log lines on LAN-2026-0003"],
  ])("%s %j", (action, changes, subject, sentence) => {
    expect(describeAuditEvent({ ...base, action, changes, subject })).toBe(sentence);
  });

  it("names the system and failed sign-ins without an actor, and falls back to the action's words", () => {
    expect(describeAuditEvent({ ...base, actorName: null, caseNumber: null, action: "evidence.blob_collect", entityType: "Blob", changes: {} })).toBe(
      "The system deleted a stored file no evidence refers to any more",
    );
    expect(describeAuditEvent({ ...base, actorName: null, caseNumber: null, action: "auth.sign-in-failed", entityType: "User", changes: { email: "x@y.z", reason: "bad" } })).toBe(
      "A sign-in as x@y.z failed",
    );
    expect(describeAuditEvent({ ...base, actorName: null, caseNumber: null, action: "auth.sign-in-failed", entityType: "User", changes: { method: "sso", email: "x@y.z", reason: "unverified-email" } })).toBe(
      "A sign-in through single sign-on as x@y.z failed (unverified-email)",
    );
    expect(describeAuditEvent({ ...base, caseNumber: null, action: "auth.sign-in", entityType: "Session", changes: { method: "sso" } })).toBe("Dana signed in through single sign-on");
    expect(describeAuditEvent({ ...base, caseNumber: null, action: "auth.sign-in", entityType: "Session", changes: {} })).toBe("Dana signed in");
    expect(describeAuditEvent({ ...base, action: "export.case-file", changes: {} })).toBe("Dana: export case file on LAN-2026-0003");
    expect(describeAuditEvent({ ...base, caseNumber: null, action: "auth.recovery-code-used", entityType: "User", changes: { recoveryCodesLeft: 9 } })).toBe(
      "Dana signed in with a recovery code (9 left)",
    );
    expect(describeAuditEvent({ ...base, caseNumber: null, action: "auth.second-factor-enabled", entityType: "User", changes: {} })).toBe("Dana turned on a second factor");
    expect(describeAuditEvent({ ...base, caseNumber: null, action: "auth.second-factor-reset", entityType: "User", changes: { email: "lee@example.test", sessionsEnded: 1 } })).toBe(
      "Dana reset the second factor of lee@example.test, who must enrol again",
    );
  });
});
