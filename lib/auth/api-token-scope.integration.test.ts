// API tokens (issue 13): an optional expiry after which the token authenticates nothing, a
// read-only scope the API enforces (403 for anything but reading), and no two live tokens of one
// user with the same name.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCasesRoute, POST as createCaseRoute } from "@/app/api/v1/cases/route";
import type { Actor } from "@/lib/access/actor";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { actorForToken, createApiToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { createUser } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

let user: Actor;
beforeAll(async () => {
  user = await createUser({ role: "INVESTIGATOR" });
});

const noParams = { params: Promise.resolve({}) };
const bearer = (token: string, method: string, body?: unknown) =>
  new Request("http://localhost/api/v1/cases", {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("token expiry", () => {
  it("works until its expiry and not after; a date means through the end of that day (UTC)", async () => {
    const { token, view } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "expiring", expiresAt: "2099-12-31" });
    expect(view.expiresAt?.toISOString()).toBe("2099-12-31T23:59:59.999Z");
    expect((await actorForToken(token, new Date("2099-12-31T23:59:59Z")))?.id).toBe(user.id);
    expect(await actorForToken(token, new Date("2100-01-01T00:00:00Z"))).toBeNull();
    await db().apiToken.update({ where: { id: view.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await listCasesRoute(bearer(token, "GET"), noParams)).status).toBe(401);
  });

  it("refuses an expiry in the past or not a date, naming the field; none means no expiry", async () => {
    const past = await expectAppError(createApiToken(user.id, SYSTEM_CONTEXT, { name: "too late", expiresAt: "2020-01-01" }));
    expect(past.details).toEqual({ fieldErrors: { expiresAt: ["must be in the future"] } });
    const junk = await expectAppError(createApiToken(user.id, SYSTEM_CONTEXT, { name: "junk", expiresAt: "next tuesday" }));
    expect(Object.keys((junk.details as { fieldErrors: object }).fieldErrors)).toEqual(["expiresAt"]);
    const { view } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "forever", expiresAt: "" });
    expect(view.expiresAt).toBeNull();
  });
});

describe("read-only tokens", () => {
  it("read through the API but are refused any write with 403, writing nothing", async () => {
    const { token, view } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "dashboards", readOnly: "on" });
    expect(view.readOnly).toBe(true);
    expect((await listCasesRoute(bearer(token, "GET"), noParams)).status).toBe(200);
    const before = await db().case.count();
    const refused = await createCaseRoute(bearer(token, "POST", { title: "Written with a read-only token" }), noParams);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/read-only/);
    expect(await db().case.count()).toBe(before);
    const { token: writer } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "pipeline" });
    expect((await createCaseRoute(bearer(writer, "POST", { title: "Written with a read-write token" }), noParams)).status).toBe(201);
  });

  it("records expiry and scope in the audit event of the creation", async () => {
    const { view } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "audited scope", readOnly: true, expiresAt: "2099-06-30T12:00:00Z" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: view.id, action: "token.create" } });
    const changes: unknown = typeof event.changes === "string" ? JSON.parse(event.changes) : event.changes;
    expect(changes).toMatchObject({ readOnly: { after: true }, expiresAt: { after: "2099-06-30T12:00:00.000Z" } });
  });
});

describe("token names", () => {
  it("refuses a second live token with the same name (any case), but a revoked one's name is free again", async () => {
    const owner = await createUser();
    const first = await createApiToken(owner.id, SYSTEM_CONTEXT, { name: "Detector" });
    const dup = await expectAppError(createApiToken(owner.id, SYSTEM_CONTEXT, { name: " detector " }));
    expect(dup.status).toBe(400);
    expect(Object.keys((dup.details as { fieldErrors: object }).fieldErrors)).toEqual(["name"]);
    // Another user may use the name.
    const other = await createUser();
    await createApiToken(other.id, SYSTEM_CONTEXT, { name: "Detector" });
    await revokeApiToken(owner, SYSTEM_CONTEXT, first.view.id);
    await createApiToken(owner.id, SYSTEM_CONTEXT, { name: "detector" });
    expect((await listApiTokens(owner)).map((t) => [t.name, t.revokedAt === null])).toEqual([["detector", true], ["Detector", false]]);
  });
});
