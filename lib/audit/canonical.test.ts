// Canonical JSON and the event hash are a storage format: every stored chain depends on them
// giving the same bytes forever. Known answers (computed outside this code, with Python's
// hashlib over the canonical text written by hand) pin them.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, eventHash, GENESIS_HASH, type HashedFields } from "@/lib/audit/canonical";

const EVENT: HashedFields = {
  seq: 7,
  at: new Date("2026-01-02T03:04:05.678Z"),
  actorId: "u_1",
  actorEmail: "ana@example.test",
  action: "case.transition",
  entityType: "case",
  entityId: "c_9",
  caseId: "c_9",
  changes: canonicalJson({ status: { before: "OPEN", after: "ACTIVE" } }),
  requestId: "req-42",
  ip: "10.0.0.7",
  prevHash: GENESIS_HASH,
};

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace (known answer)", () => {
    const value = { b: [3, { z: true, a: null }, "x y"], a: { d: 1.5, c: -2 }, "": "empty key" };
    expect(canonicalJson(value)).toBe('{"":"empty key","a":{"c":-2,"d":1.5},"b":[3,{"a":null,"z":true},"x y"]}');
  });

  it("orders keys by UTF-16 code units, not by locale", () => {
    const value = { b: 1, a: 2, B: 3, _: 4, aa: 5, "é": 6, A: 7, "10": 8, "9": 9 };
    // Integer-like keys come first in Object.entries; the sort must still put "10" before "9".
    expect(canonicalJson(value)).toBe('{"10":8,"9":9,"A":7,"B":3,"_":4,"a":2,"aa":5,"b":1,"é":6}');
  });

  it("gives the same text whatever order the keys were inserted in", () => {
    expect(canonicalJson({ x: 1, y: { q: 2, p: 3 } })).toBe(canonicalJson({ y: { p: 3, q: 2 }, x: 1 }));
  });

  it("leaves out undefined members but keeps null ones, as JSON.stringify does", () => {
    expect(canonicalJson({ gone: undefined, kept: null, n: 0, f: false, s: "" })).toBe('{"f":false,"kept":null,"n":0,"s":""}');
    expect(canonicalJson({ only: undefined })).toBe("{}");
  });

  it("writes scalars as JSON and undefined or non-finite numbers as null", () => {
    expect([null, undefined, true, false, 0, -1, 1e21, "a\"b\\c\n", NaN, Infinity].map(canonicalJson)).toEqual([
      "null",
      "null",
      "true",
      "false",
      "0",
      "-1",
      "1e+21",
      '"a\\"b\\\\c\\n"',
      "null",
      "null",
    ]);
  });

  it("writes arrays in order, separated by commas, with undefined items as null", () => {
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson([2, 1, [], {}, undefined, null])).toBe("[2,1,[],{},null,null]");
    expect(canonicalJson({ list: ["b", "a"] })).toBe('{"list":["b","a"]}');
  });

  it("escapes keys as JSON strings", () => {
    expect(canonicalJson({ 'q"k': 1, "line\nbreak": 2 })).toBe('{"line\\nbreak":2,"q\\"k":1}');
  });

  it("agrees with JSON.stringify on anything whose keys are already sorted", () => {
    const sorted = { a: [1, "two", { b: null, c: [true] }], d: { e: "ü €", f: -0.25 } };
    expect(canonicalJson(sorted)).toBe(JSON.stringify(sorted));
  });
});

describe("eventHash", () => {
  it("is the SHA-256 of the canonical event with its time in ISO form (known answer)", () => {
    expect(EVENT.changes).toBe('{"status":{"after":"ACTIVE","before":"OPEN"}}');
    expect(eventHash(EVENT)).toBe("fd4a0a1f01e2aa54c414c4a1d04a7668b13555afb00c1e05fac0ca686501617f");
  });

  it("hashes null fields as null (known answer)", () => {
    const first: HashedFields = {
      seq: 1,
      at: new Date(0),
      actorId: null,
      actorEmail: null,
      action: "auth.sign-in",
      entityType: "user",
      entityId: null,
      caseId: null,
      changes: "{}",
      requestId: null,
      ip: null,
      prevHash: "ab".repeat(32),
    };
    expect(eventHash(first)).toBe("f583f83f4906da3c0079038116b29d590cb295ae25d8997dafb73992ba4051c9");
  });

  it("changes when any one field changes", () => {
    const variants: Partial<HashedFields>[] = [
      { seq: 8 },
      { at: new Date(EVENT.at.getTime() + 1) },
      { actorId: "u_2" },
      { actorEmail: null },
      { action: "case.update" },
      { entityType: "note" },
      { entityId: null },
      { caseId: "c_8" },
      { changes: "{}" },
      { requestId: "req-43" },
      { ip: "10.0.0.8" },
      { prevHash: "f".repeat(64) },
    ];
    const hashes = variants.map((v) => eventHash({ ...EVENT, ...v }));
    expect(new Set([eventHash(EVENT), ...hashes]).size).toBe(variants.length + 1);
  });

  it("is lowercase hex of 64 characters, as the chain stores it", () => {
    expect(eventHash(EVENT)).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(EVENT)).toBe(createHash("sha256").update(canonicalJson({ ...EVENT, at: EVENT.at.toISOString() })).digest("hex"));
  });
});

describe("GENESIS_HASH", () => {
  it("is 64 zeros, the prevHash of the first event", () => {
    expect(GENESIS_HASH).toBe("0000000000000000000000000000000000000000000000000000000000000000");
  });
});
