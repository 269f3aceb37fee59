// Finding evidence across cases (title, filename, hash prefix, kind), only on visible cases; the
// custody timeline paged; a removal's reason on the item.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { findEvidence } from "@/lib/evidence/find-evidence";
import { getEvidence, getEvidenceMetadata, listCustody } from "@/lib/evidence/get-evidence";
import { removeEvidence } from "@/lib/evidence/remove-evidence";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { verifyEvidence } from "@/lib/evidence/verify-evidence";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";
import { expectAppError } from "@/test/support/expect-app-error";

let lead: Actor, outsider: Actor, admin: Actor;
const tag = `run${Date.now().toString(36)}`;
beforeAll(async () => {
  lead = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  admin = await createUser({ role: "ADMIN" });
});

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function upload(actor: Actor, caseId: string, title: string, filename: string, body: string, kind = "DOCUMENT") {
  return uploadEvidence(ctxFor(actor), caseId, await stageBytes(Buffer.from(body), filename, "text/plain"), { kind, title });
}

describe("findEvidence", () => {
  it("finds by title or file name regardless of case, and by kind", async () => {
    const c = await createCase(lead);
    const a = await upload(lead, c.id, `Gateway ${tag} Export`, "gw.txt", `a ${tag}`);
    const b = await upload(lead, c.id, "Other", `${tag}-harvest.csv`, `x,y\n1,2 ${tag}\n`, "API_LOG");
    const byTitle = await findEvidence(lead, { q: `${tag} export`.toUpperCase() });
    expect(byTitle.items.map((e) => e.id)).toEqual([a.id]);
    expect(byTitle.items[0].caseNumber).toBe(c.number);
    expect((await findEvidence(lead, { q: `${tag}-harvest` })).items.map((e) => e.id)).toEqual([b.id]);
    expect((await findEvidence(lead, { q: tag, kind: "API_LOG" })).items.map((e) => e.id)).toEqual([b.id]);
    expect((await findEvidence(lead, { q: tag })).total).toBe(2);
  });

  it("finds the same content on two cases by a hash prefix", async () => {
    const body = `same bytes ${tag} ${Math.random()}`;
    const [c1, c2] = [await createCase(lead), await createCase(lead)];
    await upload(lead, c1.id, "First copy", "one.txt", body);
    await upload(lead, c2.id, "Second copy", "two.txt", body);
    const found = await findEvidence(lead, { q: sha(Buffer.from(body)).slice(0, 10).toUpperCase() });
    expect(found.items.map((e) => e.caseNumber).sort()).toEqual([c1.number, c2.number].sort());
  });

  it("matches a hex-looking query against names as well as hashes", async () => {
    const c = await createCase(lead);
    const stamp = `2026${Date.now().toString().slice(-8)}`;
    const e = await upload(lead, c.id, `Export ${stamp}`, "export.txt", `hex ${tag} ${Math.random()}`);
    expect((await findEvidence(lead, { q: stamp })).items.map((x) => x.id)).toEqual([e.id]);
  });

  it("never shows evidence on a restricted case to an outsider, not even by hash", async () => {
    const body = `secret ${tag} ${Math.random()}`;
    const c = await createCase(lead, { restricted: true });
    await upload(lead, c.id, `Restricted ${tag}`, "r.txt", body);
    expect((await findEvidence(outsider, { q: sha(Buffer.from(body)) })).total).toBe(0);
    expect((await findEvidence(outsider, { q: `Restricted ${tag}` })).total).toBe(0);
    expect((await findEvidence(admin, { q: `Restricted ${tag}` })).total).toBe(1);
    expect((await findEvidence(lead, { q: `Restricted ${tag}` })).total).toBe(1);
  });

  it("treats LIKE wildcards in the query as plain characters", async () => {
    const c = await createCase(lead);
    await upload(lead, c.id, `100% ${tag}`, "p.txt", `p ${tag}`);
    await upload(lead, c.id, `100x ${tag}`, "q.txt", `q ${tag}`);
    expect((await findEvidence(lead, { q: `100% ${tag}` })).items.map((e) => e.title)).toEqual([`100% ${tag}`]);
    expect((await findEvidence(lead, { q: `10_ ${tag}` })).total).toBe(0);
    await upload(lead, c.id, `back\\slash ${tag}`, "b.txt", `b ${tag}`);
    expect((await findEvidence(lead, { q: `back\\slash ${tag}` })).items.map((e) => e.title)).toEqual([`back\\slash ${tag}`]);
  });

  it("names the field of a bad query", async () => {
    const badKind = await expectAppError(findEvidence(lead, { kind: "PHOTO" }));
    expect(badKind.code).toBe("INVALID_INPUT");
    expect(badKind.details).toMatchObject({ fieldErrors: { kind: expect.any(Array) } });
    const badSize = await expectAppError(findEvidence(lead, { pageSize: "500" }));
    expect(badSize.details).toMatchObject({ fieldErrors: { pageSize: ["must be at most 200"] } });
  });
});

describe("listCustody and removal", () => {
  it("pages the custody timeline newest first, and 404s for an outsider on a restricted case", async () => {
    const c = await createCase(lead, { restricted: true });
    const e = await upload(lead, c.id, "Timeline", "t.txt", `t ${tag} ${Math.random()}`);
    for (let i = 0; i < 3; i++) await verifyEvidence(ctxFor(lead), e.id);
    const first = await listCustody(lead, e.id, { page: 1, pageSize: 2 });
    expect(first.total).toBe(4);
    expect(first.items.map((x) => x.action)).toEqual(["VERIFY", "VERIFY"]);
    const second = await listCustody(lead, e.id, { page: 2, pageSize: 2 });
    expect(second.items.map((x) => x.action)).toEqual(["VERIFY", "UPLOAD"]);
    expect((await getEvidence(lead, e.id)).custodyTotal).toBe(4);
    expect((await expectAppError(listCustody(outsider, e.id))).code).toBe("NOT_FOUND");
  });

  it("shows when and why an item was removed", async () => {
    const c = await createCase(lead);
    const e = await upload(lead, c.id, "To remove", "x.txt", `x ${tag} ${Math.random()}`);
    expect((await getEvidenceMetadata(lead, e.id)).removal).toBeNull();
    await removeEvidence(ctxFor(admin), e.id, { reason: "uploaded to the wrong case" });
    const after = await getEvidenceMetadata(lead, e.id);
    expect(after).toMatchObject({ removed: true, removal: { reason: "uploaded to the wrong case" } });
    expect(Date.parse(after.removal!.at)).not.toBeNaN();
  });
});
