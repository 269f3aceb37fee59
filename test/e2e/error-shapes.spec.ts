// Every answer of the API is the documented {"error": {code, message, details}} shape with the right
// status, on the production server: unserved methods of every documented path (405 with Allow),
// paths no route serves (404), a second file part in an upload (400), and a server action posted
// from another origin (403, where Next alone answers 500).
import { expect, test, type APIResponse } from "@playwright/test";
import { createToken, createUser } from "./support/cli";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
let token: string;

test.beforeAll(() => {
  token = createToken(createUser("INVESTIGATOR").email);
});

const auth = () => ({ Authorization: `Bearer ${token}` });

async function expectError(res: APIResponse, status: number, code: string, what = res.url()) {
  expect(res.status(), what).toBe(status);
  expect(res.headers()["content-type"] ?? "(none: the route does not end with otherMethods())", what).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "details", "message"]);
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  return body.error;
}

test("every documented path answers its unserved methods 405 in the error shape, with Allow; OPTIONS names the same", async ({ request }) => {
  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  let checked = 0;
  for (const [template, operations] of Object.entries(doc.paths)) {
    const url = "/api/v1" + template.replace(/\{[^}]+\}/g, "00000000-no-such-id");
    const served = Object.keys(operations).map((m) => m.toUpperCase());
    const allow = [...new Set([...served, "OPTIONS", ...(served.includes("GET") ? ["HEAD"] : [])])].sort().join(", ");
    for (const method of METHODS.filter((m) => !served.includes(m))) {
      // Without credentials: which methods a path takes is public, and answered before sign-in.
      const res = await request.fetch(url, { method });
      const error = await expectError(res, 405, "METHOD_NOT_ALLOWED", `${method} ${url}`);
      expect(res.headers()["allow"], `${method} ${url}`).toBe(allow);
      expect(error.details).toEqual({ allow: allow.split(", ") });
      checked++;
    }
    const options = await request.fetch(url, { method: "OPTIONS" });
    expect(options.status(), `OPTIONS ${url}`).toBe(204);
    expect(options.headers()["allow"], `OPTIONS ${url}`).toBe(allow);
  }
  expect(checked).toBeGreaterThan(40);
});

test("a path no route serves answers 404 in the error shape for every method; real routes still answer", async ({ request }) => {
  for (const url of ["/api/v1/nope", "/api/v1/cases/some-id/nope", "/api/v1/evidence/x/y/z", "/api/v1/cases/some-id/evidence/extra"]) {
    for (const method of [...METHODS, "OPTIONS"]) {
      await expectError(await request.fetch(url, { method, headers: auth() }), 404, "NOT_FOUND");
    }
  }
  // The catch-all shadows nothing: App Router routes, the Pages Router upload route, the description.
  const created = await request.post("/api/v1/cases", { headers: auth(), data: { title: "Routes still answer" } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await request.get(`/api/v1/cases/${id}`, { headers: auth() })).status()).toBe(200);
  expect((await request.get(`/api/v1/cases/${id}/evidence`, { headers: auth() })).status()).toBe(200);
  expect((await request.get("/api/v1/openapi.json")).status()).toBe(200);
  // The upload route's own unserved methods: 405 with Allow, before sign-in too.
  const put = await request.fetch(`/api/v1/cases/${id}/evidence`, { method: "PUT" });
  await expectError(put, 405, "METHOD_NOT_ALLOWED");
  expect(put.headers()["allow"]).toBe("GET, HEAD, OPTIONS, POST");
});

test("a path whose percent-encoding does not decode answers 400 in the error shape, not Next's HTML page", async ({ request }) => {
  for (const url of ["/api/v1/cases/%E0%A4%A", "/api/v1/cases/%C0%AE%C0%AE/notes", "/api/v1/accounts/%/history", "/api/v1/account-links/%FF%FE"]) {
    for (const method of [...METHODS, "OPTIONS"]) {
      await expectError(await request.fetch(url, { method, headers: auth() }), 400, "INVALID_INPUT", `${method} ${url}`);
    }
  }
  // Pages outside the API keep an HTML error page.
  const page = await request.get("/cases/%E0%A4%A");
  expect(page.status()).toBe(400);
  expect(page.headers()["content-type"]).toMatch(/^text\/html/);
});

test("an upload with a second file part is a 400 naming the field, and records nothing", async ({ request }) => {
  const created = await request.post("/api/v1/cases", { headers: auth(), data: { title: "Two files in one body" } });
  const { id } = (await created.json()) as { id: string };
  const boundary = "----lantern-two-files";
  const part = (name: string, filename: string, text: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n`;
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nDOCUMENT\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nTwo files\r\n` +
    part("file", "first.txt", "the first file") +
    part("file", "second.txt", "the second file") +
    `--${boundary}--\r\n`;
  const res = await request.post(`/api/v1/cases/${id}/evidence`, {
    headers: { ...auth(), "Content-Type": `multipart/form-data; boundary=${boundary}` },
    data: Buffer.from(body),
  });
  const error = await expectError(res, 400, "INVALID_INPUT");
  expect(error.details).toEqual({ fieldErrors: { file: ["only one file per upload"] } });
  const list = (await (await request.get(`/api/v1/cases/${id}/evidence`, { headers: auth() })).json()) as { total: number };
  expect(list.total).toBe(0);
});

test("a server action posted from another origin is refused with 403 in the error shape", async ({ request, baseURL }) => {
  const post = (origin: string) =>
    request.post("/cases/new", {
      headers: { Origin: origin, "Next-Action": "00".repeat(21), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: "[]",
      maxRedirects: 0,
    });
  await expectError(await post("http://evil.example"), 403, "FORBIDDEN");
  await expectError(await post("null"), 403, "FORBIDDEN");
  // From our own origin the same request reaches Next (which finds no such action): not our 403.
  expect((await post(new URL(baseURL!).origin)).status()).not.toBe(403);
});
