// Forged client headers against the production server: X-Forwarded-For cannot spread sign-in
// throttling over made-up addresses or put a made-up address into the audit trail (no trusted
// proxies are configured, so the client is the socket's peer), refused sign-ins are audited, and an
// X-Request-Id that is not a short plain id is replaced. A server of its own (port
// LANTERN_E2E_ADDRESS_PORT, default 3105): throttling 127.0.0.1 on the shared one would slow the
// sign-ins of every later spec. A second server (LANTERN_E2E_PROXY_PORT, default 3106) trusts
// 127.0.0.1 as its reverse proxy: there the forwarded client and X-Forwarded-Proto count.
import fs from "node:fs";
import path from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { createToken } from "./support/cli";
import { startOwnServer, type OwnServer } from "./support/own-server";

const PORT = Number(process.env.LANTERN_E2E_ADDRESS_PORT ?? 3105);
const PROXY_PORT = Number(process.env.LANTERN_E2E_PROXY_PORT ?? 3106);
const ADMIN = { email: "admin@address.e2e.test", password: "address e2e admin password" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let dataDir: string;
let server: OwnServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fs.mkdirSync(path.resolve(".tmp"), { recursive: true });
  dataDir = fs.mkdtempSync(path.resolve(".tmp", "e2e-address-"));
  server = await startOwnServer({ port: PORT, dataDir, admin: ADMIN });
  await server.ready();
});

test.afterAll(async () => {
  await server?.kill("SIGTERM");
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** One sign-in through next-auth's credentials callback; answers its error text, or null on success. */
async function signIn(api: APIRequestContext, email: string, password: string, forwardedFor: string): Promise<string | null> {
  const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
  const res = await api.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers: { "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor.split(",")[0] },
    maxRedirects: 0,
  });
  const url = new URL((await res.json()).url as string);
  return url.searchParams.get("error");
}

test("forged X-Forwarded-For values share the socket's throttle, and every refusal is audited under it", async () => {
  const api = await request.newContext({ baseURL: server!.baseUrl });
  const answers: (string | null)[] = [];
  for (let i = 0; i < 12; i++) {
    answers.push(await signIn(api, `ghost-${i}@address.e2e.test`, "not the password", `198.51.100.${i + 1}`));
  }
  // Five free failures for the one real address, then the address waits, whatever the header says.
  expect(answers.slice(0, 5)).toEqual(Array(5).fill("Invalid email or password."));
  for (const a of answers.slice(5)) expect(a).toMatch(/Too many failed sign-in attempts/);

  const token = createToken(ADMIN.email, dataDir);
  const admin = await request.newContext({ baseURL: server!.baseUrl, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const failed = (await (await admin.get("/api/v1/audit?action=auth.sign-in-failed&pageSize=200")).json()).items;
  const throttled = (await (await admin.get("/api/v1/audit?action=auth.sign-in-throttled&pageSize=200")).json()).items;
  expect(failed).toHaveLength(5);
  expect(throttled).toHaveLength(7);
  for (const e of [...failed, ...throttled]) {
    expect(e.ip).toBe("127.0.0.1");
    expect(e.changes.email).toMatch(/^ghost-\d+@address\.e2e\.test$/);
    expect(JSON.stringify(e)).not.toContain("not the password");
  }
  await api.dispose();
  await admin.dispose();
});

test("X-Request-Id is kept only in a short plain form; anything else is replaced in the answer and the trail", async () => {
  const token = createToken(ADMIN.email, dataDir);
  const api = await request.newContext({ baseURL: server!.baseUrl, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const hostile = `<script>alert(1)</script>${"<b>x</b>".repeat(1000)}`;
  const created = await api.post("/api/v1/cases", { data: { title: "Request id probe" }, headers: { "x-request-id": hostile, "x-forwarded-for": "6.6.6.6" } });
  expect(created.status()).toBe(201);
  const generated = created.headers()["x-request-id"];
  expect(generated).toMatch(UUID);
  const caseId = (await created.json()).id as string;
  const events = (await (await api.get(`/api/v1/audit?caseId=${caseId}`)).json()).items;
  expect(events.map((e: { requestId: string }) => e.requestId)).toEqual([generated]);
  expect(events[0].ip).toBe("127.0.0.1");

  const plain = await api.get("/api/v1/cases", { headers: { "x-request-id": "trace-42.a:b" } });
  expect(plain.headers()["x-request-id"]).toBe("trace-42.a:b");
  await api.dispose();
});

test.describe("behind a trusted proxy (LANTERN_TRUSTED_PROXIES=127.0.0.1)", () => {
  let proxyDir: string;
  let proxied: OwnServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    proxyDir = fs.mkdtempSync(path.resolve(".tmp", "e2e-proxy-"));
    proxied = await startOwnServer({ port: PROXY_PORT, dataDir: proxyDir, admin: ADMIN, env: { LANTERN_TRUSTED_PROXIES: "127.0.0.1, ::1" } });
    await proxied.ready();
  });

  test.afterAll(async () => {
    await proxied?.kill("SIGTERM");
    if (proxyDir) fs.rmSync(proxyDir, { recursive: true, force: true });
  });

  test("the proxy's view of the client is audited; what the client wrote left of it is not", async () => {
    const api = await request.newContext({ baseURL: proxied!.baseUrl });
    await signIn(api, "one@proxy.e2e.test", "not the password", "198.51.100.77");
    await signIn(api, "two@proxy.e2e.test", "not the password", "6.6.6.6, 198.51.100.78");
    const token = createToken(ADMIN.email, proxyDir);
    const admin = await request.newContext({ baseURL: proxied!.baseUrl, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const failed = (await (await admin.get("/api/v1/audit?action=auth.sign-in-failed")).json()).items as { ip: string; changes: { email: string } }[];
    const ipOf = (email: string) => failed.find((e) => e.changes.email === email)?.ip;
    expect(ipOf("one@proxy.e2e.test")).toBe("198.51.100.77");
    expect(ipOf("two@proxy.e2e.test")).toBe("198.51.100.78");
    await api.dispose();
    await admin.dispose();
  });

  test("pages get HSTS when the proxy says the browser came over https", async () => {
    const api = await request.newContext({ baseURL: proxied!.baseUrl });
    const https = await api.get("/login", { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers()["strict-transport-security"]).toBe("max-age=31536000");
    expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
    const http = await api.get("/login");
    expect(http.headers()["strict-transport-security"]).toBeUndefined();
    await api.dispose();
  });
});
