// Notes on a case: markdown text (rendered safely by the UI), optionally pinned.
import type { Actor, RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { requireCase } from "@/lib/access/case-access";
import { ZCreateNoteInput, ZUpdateNoteInput } from "@/lib/cases/case-schemas";
import { db } from "@/lib/db/client";
import { isAppError, notFound } from "@/lib/errors";
import { parseInput, ZPageQuery } from "@/lib/validation";

export type NoteView = {
  id: string;
  caseId: string;
  body: string;
  pinned: boolean;
  author: { id: string; name: string; email: string };
  createdAt: string;
};

const noteSelect = {
  id: true,
  caseId: true,
  body: true,
  pinned: true,
  createdAt: true,
  author: { select: { id: true, name: true, email: true } },
} as const;

type NoteRow = Omit<NoteView, "createdAt"> & { createdAt: Date };
const toView = (n: NoteRow): NoteView => ({ ...n, createdAt: n.createdAt.toISOString() });

export async function addNote(ctx: RequestContext, caseIdOrNumber: string, input: unknown): Promise<NoteView> {
  const data = parseInput(ZCreateNoteInput, input);
  return db().$transaction(async (tx) => {
    const access = await requireCase(tx, ctx.actor, caseIdOrNumber, "addNote");
    const note = await tx.note.create({
      data: { caseId: access.id, authorId: ctx.actor.id, body: data.body, pinned: data.pinned },
      select: noteSelect,
    });
    await tx.case.update({ where: { id: access.id }, data: { updatedAt: new Date() } });
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "note.create",
      entityType: "Note",
      entityId: note.id,
      caseId: access.id,
      changes: { body: { after: data.body }, pinned: { after: data.pinned } },
    });
    return toView(note);
  });
}

export async function setNotePinned(ctx: RequestContext, noteId: string, input: unknown): Promise<NoteView> {
  const data = parseInput(ZUpdateNoteInput, input);
  return db().$transaction(async (tx) => {
    const existing = await tx.note.findUnique({ where: { id: noteId }, select: { caseId: true, pinned: true } });
    if (!existing) throw notFound("Note not found");
    // A note on a case the actor may not see does not exist for them either: same answer.
    await requireCase(tx, ctx.actor, existing.caseId, "addNote").catch((e: unknown) => {
      throw isAppError(e) && e.code === "NOT_FOUND" ? notFound("Note not found") : e;
    });
    const note = await tx.note.update({ where: { id: noteId }, data: { pinned: data.pinned }, select: noteSelect });
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "note.pin",
      entityType: "Note",
      entityId: noteId,
      caseId: existing.caseId,
      changes: { pinned: { before: existing.pinned, after: data.pinned } },
    });
    return toView(note);
  });
}

export const ZListNotesQuery = ZPageQuery;

export async function listNotes(
  actor: Actor,
  caseIdOrNumber: string,
  query: unknown = {},
): Promise<{ items: NoteView[]; total: number; page: number; pageSize: number }> {
  const { page, pageSize } = parseInput(ZListNotesQuery, query);
  const access = await requireCase(db(), actor, caseIdOrNumber, "read");
  const where = { caseId: access.id };
  const [rows, total] = await Promise.all([
    db().note.findMany({
      where,
      select: noteSelect,
      orderBy: [{ pinned: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db().note.count({ where }),
  ]);
  return { items: rows.map(toView), total, page, pageSize };
}
