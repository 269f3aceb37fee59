import { apiRoute, json, readJson, searchParamsObject } from "@/lib/api/api-handler";
import { addNote, listNotes } from "@/lib/notes/notes";

type Params = { id: string };

export const GET = apiRoute<Params>(async (req, ctx, { id }) => {
  const { page, pageSize } = searchParamsObject(req);
  return json(await listNotes(ctx.actor, id, { page: Number(page) || 1, pageSize: Number(pageSize) || 50 }));
});

export const POST = apiRoute<Params>(async (req, ctx, { id }) => json(await addNote(ctx, id, await readJson(req)), 201));
