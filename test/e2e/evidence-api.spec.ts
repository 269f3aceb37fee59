// Evidence over real HTTP: multipart upload streamed to storage, safe serving headers, custody,
// verification, and the refusals the contract names.
import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createToken, createUser } from "./support/cli";

let investigator: string, outsider: string, caseId: string;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

test.beforeAll(async ({ request }) => {
  investigator = createToken(createUser("INVESTIGATOR").email);
  outsider = createToken(createUser("INVESTIGATOR").email);
  const c = await request.post("/api/v1/cases", { headers: auth(investigator), data: { title: "Evidence over HTTP" } });
  caseId = ((await c.json()) as { id: string }).id;
});

test("uploads a log, downloads the same bytes as an attachment, verifies, and shows custody", async ({ request }) => {
  const bytes = Buffer.from(Array.from({ length: 2000 }, (_, i) => JSON.stringify({ timestamp: "2025-01-01T00:00:00Z", account_id: `a${i}`, model: "m", prompt_tokens: 1, completion_tokens: 2 })).join("\n"));
  const res = await request.post(`/api/v1/cases/${caseId}/evidence`, {
    headers: auth(investigator),
    multipart: { kind: "API_LOG", title: "Harvest log", source: "gateway", file: { name: "log.jsonl", mimeType: "application/x-ndjson", buffer: bytes } },
  });
  expect(res.status()).toBe(201);
  const ev = (await res.json()) as { id: string; sha256: string; sizeBytes: number; mediaType: string };
  expect(ev).toMatchObject({ sha256: sha(bytes), sizeBytes: bytes.length, mediaType: "application/x-ndjson" });

  const download = await request.get(`/api/v1/evidence/${ev.id}/content`, { headers: auth(outsider) });
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="log.jsonl"/);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(sha(await download.body())).toBe(ev.sha256);

  const verify = await request.post(`/api/v1/evidence/${ev.id}/verify`, { headers: auth(investigator) });
  expect(await verify.json()).toMatchObject({ ok: true, observed: ev.sha256 });

  const meta = (await (await request.get(`/api/v1/evidence/${ev.id}`, { headers: auth(investigator) })).json()) as { custody: { action: string }[]; integrity: string };
  expect(meta.custody.map((c) => c.action)).toEqual(["UPLOAD", "DOWNLOAD", "VERIFY"]);
  expect(meta.integrity).toBe("OK");

  const page = await request.get(`/api/v1/evidence/${ev.id}/custody?pageSize=2`, { headers: auth(investigator) });
  expect(await page.json()).toMatchObject({ total: 3, page: 1, pageSize: 2, items: [{ action: "VERIFY" }, { action: "DOWNLOAD" }] });
  expect((await request.get(`/api/v1/evidence/${ev.id}/custody?pageSize=0`, { headers: auth(investigator) })).status()).toBe(400);
});

test("serves SVG and HTML only as downloads, never inline", async ({ request }) => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  const ev = (await (
    await request.post(`/api/v1/cases/${caseId}/evidence`, { headers: auth(investigator), multipart: { kind: "DOCUMENT", title: "Vector", file: { name: "x.svg", mimeType: "image/svg+xml", buffer: svg } } })
  ).json()) as { id: string; mediaType: string };
  expect(ev.mediaType).toBe("image/svg+xml");
  const view = await request.get(`/api/v1/evidence/${ev.id}/content?view=1`, { headers: auth(investigator) });
  expect(view.status()).toBe(415);
  const download = await request.get(`/api/v1/evidence/${ev.id}/content`, { headers: auth(investigator) });
  expect(download.headers()["content-type"]).toBe("application/octet-stream");
  expect(download.headers()["content-disposition"]).toMatch(/^attachment/);
});

test("refuses an empty file (400), a kind/type pair (415), a non-multipart body (415), outsiders on restricted cases (404)", async ({ request }) => {
  const empty = await request.post(`/api/v1/cases/${caseId}/evidence`, { headers: auth(investigator), multipart: { kind: "DOCUMENT", title: "Empty", file: { name: "e.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) } } });
  expect(empty.status()).toBe(400);
  const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
  const pair = await request.post(`/api/v1/cases/${caseId}/evidence`, { headers: auth(investigator), multipart: { kind: "API_LOG", title: "Not a log", file: { name: "x.png", mimeType: "image/png", buffer: png } } });
  expect(pair.status()).toBe(415);
  expect(((await pair.json()) as { error: { code: string } }).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  const json = await request.post(`/api/v1/cases/${caseId}/evidence`, { headers: auth(investigator), data: { kind: "DOCUMENT" } });
  expect(json.status()).toBe(415);

  const secret = (await (await request.post("/api/v1/cases", { headers: auth(investigator), data: { title: "Restricted evidence", restricted: true } })).json()) as { id: string };
  const denied = await request.post(`/api/v1/cases/${secret.id}/evidence`, { headers: auth(outsider), multipart: { kind: "DOCUMENT", title: "x", file: { name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("x") } } });
  expect(denied.status()).toBe(404);
});

test("413 for a file over the configured maximum, leaving no evidence", async ({ request }) => {
  const before = ((await (await request.get(`/api/v1/cases/${caseId}/evidence`, { headers: auth(investigator) })).json()) as { total: number }).total;
  const big = Buffer.alloc(11 * 1024 * 1024, 0x61);
  const res = await request.post(`/api/v1/cases/${caseId}/evidence`, { headers: auth(investigator), multipart: { kind: "DOCUMENT", title: "Too big", file: { name: "big.txt", mimeType: "text/plain", buffer: big } } });
  expect(res.status()).toBe(413);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
  const after = ((await (await request.get(`/api/v1/cases/${caseId}/evidence`, { headers: auth(investigator) })).json()) as { total: number }).total;
  expect(after).toBe(before);
});

// The upload route is a Pages Router API route (decision 0008): it must answer exactly like the
// App Router routes around it, and its own multipart parser must refuse what is malformed.
test("the upload route keeps the API's contract: 401, 405, paged list, malformed bodies, UTF-8 names", async ({ request }) => {
  const url = `/api/v1/cases/${caseId}/evidence`;
  const anonymous = await request.get(url);
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["x-request-id"]).toBeTruthy();
  expect(await anonymous.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });

  const put = await request.put(url, { headers: auth(investigator), data: {} });
  expect(put.status()).toBe(405);
  expect(await put.json()).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED" } });

  const before = (await (await request.get(`${url}?pageSize=1`, { headers: auth(investigator) })).json()) as { total: number; pageSize: number; items: unknown[] };
  expect(before.pageSize).toBe(1);
  expect(before.items.length).toBeLessThanOrEqual(1);

  // The closing delimiter never comes: 400, and nothing is recorded.
  const boundary = "lantern-e2e-boundary";
  const cut = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nDOCUMENT\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nCut\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.txt"\r\nContent-Type: text/plain\r\n\r\nno end`,
  );
  const malformed = await request.post(url, { headers: { ...auth(investigator), "content-type": `multipart/form-data; boundary=${boundary}` }, data: cut });
  expect(malformed.status()).toBe(400);
  expect(((await malformed.json()) as { error: { message: string } }).error.message).toContain("before the closing boundary");
  const noBoundary = await request.post(url, { headers: { ...auth(investigator), "content-type": "multipart/form-data" }, data: cut });
  expect(noBoundary.status()).toBe(400);
  const after = (await (await request.get(url, { headers: auth(investigator) })).json()) as { total: number };
  expect(after.total).toBe(before.total);

  const named = await request.post(url, {
    headers: auth(investigator),
    multipart: { kind: "DOCUMENT", title: "Rates", file: { name: "тарифы €.txt", mimeType: "text/plain", buffer: Buffer.from("rates\n") } },
  });
  expect(named.status()).toBe(201);
  expect(await named.json()).toMatchObject({ originalFilename: "тарифы €.txt" });
});
