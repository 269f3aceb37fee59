// Issue 13 point 8, in lib/: the kind corrected after upload (audited, and only to a kind that fits
// the content), a replacement that keeps the description and source of the file it corrects, the
// same bytes found on the cases the user can see (never on restricted ones they cannot), and file
// names without direction overrides.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { editEvidenceMetadata } from "@/lib/evidence/edit-evidence-metadata";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { evidenceResponseHeaders } from "@/lib/evidence/content-headers";
import { openEvidenceContent } from "@/lib/evidence/open-evidence-content";
import { previewEvidence } from "@/lib/evidence/preview-evidence";
import { listSameContent } from "@/lib/evidence/same-content";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { PNG_1PX, stageBytes } from "@/test/support/evidence-files";
import { tinyPdf } from "@/test/support/tiny-pdf";
import { expectAppError } from "@/test/support/expect-app-error";

let investigator: Actor, outsider: Actor, admin: Actor;
beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  admin = await createUser({ role: "ADMIN" });
});

const upload = async (actor: Actor, caseId: string, bytes: Buffer, fields: Record<string, unknown>, name = "memo.txt", supersedesId?: string) =>
  uploadEvidence(ctxFor(actor), caseId, await stageBytes(bytes, name, "text/plain"), fields, { supersedesId });

describe("correcting the kind after upload", () => {
  it("changes the kind with a custody EDIT whose audit event has the before and after", async () => {
    const c = await createCase(investigator);
    const ev = await upload(investigator, c.id, Buffer.from(`report ${Date.now()}\n`), { kind: "DISTILLATION_REPORT", title: "analysis-report" });
    const edited = await editEvidenceMetadata(ctxFor(investigator), ev.id, { kind: "DOCUMENT", version: ev.version });
    expect(edited.kind).toBe("DOCUMENT");
    expect((await getEvidence(investigator, ev.id)).custody.map((e) => e.action)).toEqual(["UPLOAD", "EDIT"]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: ev.id, action: "evidence.edit" } });
    expect(JSON.parse(audit.changes)).toMatchObject({ kind: { before: "DISTILLATION_REPORT", after: "DOCUMENT" } });
  });

  it("refuses a kind that does not fit the content, naming the field", async () => {
    const c = await createCase(investigator);
    const ev = await upload(investigator, c.id, Buffer.from(`text ${Date.now()}\n`), { kind: "DOCUMENT", title: "plain text" });
    const e = await expectAppError(editEvidenceMetadata(ctxFor(investigator), ev.id, { kind: "SCREENSHOT" }));
    expect(e.status).toBe(415);
    expect((e.details as { fieldErrors: Record<string, string[]> }).fieldErrors.kind[0]).toMatch(/Screenshot does not fit this file \(text\/plain\)/);
    expect((await getEvidence(investigator, ev.id)).kind).toBe("DOCUMENT");
  });
});

describe("a superseding upload", () => {
  it("keeps the description and source of the item it replaces unless new ones are given", async () => {
    const c = await createCase(investigator);
    const old = await upload(investigator, c.id, Buffer.from(`v1 ${Date.now()}\n`), { kind: "DOCUMENT", title: "Memo", description: "What the vendor sent", source: "vendor portal" });
    const next = await upload(investigator, c.id, Buffer.from(`v2 ${Date.now()}\n`), { kind: "DOCUMENT", title: "Memo (corrected)" }, "memo.txt", old.id);
    expect(next).toMatchObject({ description: "What the vendor sent", source: "vendor portal", supersedesId: old.id });
    const third = await upload(investigator, c.id, Buffer.from(`v3 ${Date.now()}\n`), { kind: "DOCUMENT", title: "Memo", source: "email from vendor", description: "" }, "memo.txt", next.id);
    expect(third).toMatchObject({ description: "What the vendor sent", source: "email from vendor" });
  });
});

describe("the same bytes elsewhere", () => {
  it("names items with the same content on visible cases, never on restricted cases the user cannot see", async () => {
    const bytes = Buffer.from(`shared bytes ${Date.now()}\n`);
    const mine = await createCase(investigator, { title: "Mine" });
    const other = await createCase(outsider, { title: "Someone else's open case" });
    const secret = await createCase(outsider, { title: "Restricted", restricted: true });
    const first = await upload(investigator, mine.id, bytes, { kind: "DOCUMENT", title: "First copy" });
    const onOther = await upload(outsider, other.id, bytes, { kind: "DOCUMENT", title: "Other case copy" });
    await upload(outsider, secret.id, bytes, { kind: "DOCUMENT", title: "Secret copy" });
    const second = await upload(investigator, mine.id, bytes, { kind: "DOCUMENT", title: "Second copy" });

    const seen = await listSameContent(investigator, second);
    expect(seen.map((s) => [s.title, s.caseNumber, s.sameCase])).toEqual([
      ["First copy", mine.number, true],
      ["Other case copy", other.number, false],
    ]);
    expect(JSON.stringify(seen)).not.toContain(secret.number);
    expect((await listSameContent(admin, second)).map((s) => s.title)).toEqual(["First copy", "Other case copy", "Secret copy"]);
    expect((await listSameContent(outsider, onOther)).map((s) => s.title)).toEqual(["First copy", "Secret copy", "Second copy"]);
    expect(await listSameContent(investigator, { ...first, sha256: "0".repeat(64) })).toEqual([]);
  });
});

describe("file names", () => {
  it("lose direction overrides and invisible characters at upload", async () => {
    const c = await createCase(investigator);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(PNG_1PX, "shot\u202egnp.exe\u200b.png", "image/png"), { kind: "SCREENSHOT", title: "Shot" });
    expect(ev.originalFilename).toBe("shotgnp.exe.png");
  });
});

describe("a PDF", () => {
  it("previews in the page from content?view=1: served inline under the sandbox policy, one VIEW", async () => {
    const c = await createCase(investigator);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(tinyPdf(["Page one"]), "analysis-report.pdf", "application/pdf"), { kind: "DOCUMENT", title: "Report" });
    expect(await previewEvidence(ctxFor(investigator), ev.id, {})).toEqual({ format: "pdf", mediaType: "application/pdf" });
    const content = await openEvidenceContent(ctxFor(investigator), ev.id, "view");
    (content.stream as unknown as { destroy: () => void }).destroy();
    const headers = evidenceResponseHeaders(content);
    expect(headers.get("content-type")).toBe("application/pdf");
    expect(headers.get("content-disposition")).toMatch(/^inline;/);
    expect(headers.get("content-security-policy")).toMatch(/sandbox/);
    expect((await getEvidence(investigator, ev.id)).custody.map((e) => e.action)).toEqual(["UPLOAD", "VIEW"]);
  });
});
