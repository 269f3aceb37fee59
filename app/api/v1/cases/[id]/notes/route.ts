import { apiRoute, json, readJson, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { addNote, listNotes } from "@/lib/notes/notes";

type Params = { id: string };

export const GET = apiRoute<Params>(async (req, ctx, { id }) => json(await listNotes(ctx.actor, id, searchParamsObject(req))));

export const POST = apiRoute<Params>(async (req, ctx, { id }) => json(await addNote(ctx, id, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
