import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZCreateAccountInput } from "@/lib/accounts/account-schemas";
import { ZCreateTokenInput } from "@/lib/auth/api-tokens";
import { ZCaseTransitionInput, ZCreateCaseInput, ZCreateNoteInput, ZEditCaseInput, ZListCasesQuery } from "@/lib/cases/case-schemas";
import { ZEvidenceMetadata } from "@/lib/evidence/evidence-schemas";
import { ZSignInInput } from "@/lib/auth/sign-in-schema";
import { ZCreateUserInput } from "@/lib/users/user-schemas";
import { controlCharacterErrors, parseInput, stripInvisible } from "@/lib/validation";

/** The field errors parseInput answers, or null when it accepts the input. */
function refusal(schema: z.ZodType, input: unknown): Record<string, string[]> | null {
  try {
    parseInput(schema, input);
    return null;
  } catch (e) {
    return (e as { details: { fieldErrors: Record<string, string[]> } }).details.fieldErrors;
  }
}

const user = { email: "a@example.test", name: "Ann", role: "INVESTIGATOR", password: "long enough password" };
const evidence = { kind: "DOCUMENT", title: "Report" };

describe("control characters in text fields", () => {
  it.each([
    ["a case title", ZCreateCaseInput, { title: "Harvest\u0000ing" }, "title"],
    ["a case title with a line break", ZCreateCaseInput, { title: "Harvest\ning" }, "title"],
    ["a case summary with NUL", ZCreateCaseInput, { title: "Harvesting", summary: "one\u0000two" }, "summary"],
    ["a case summary with escape", ZCreateCaseInput, { title: "Harvesting", summary: "\u001b[31mred" }, "summary"],
    ["a tag", ZCreateCaseInput, { title: "Harvesting", tags: ["ok", "b\u0007ad"] }, "tags.1"],
    ["a member id", ZEditCaseInput, { memberIds: ["u1\u0000"] }, "memberIds.0"],
    ["a note", ZCreateNoteInput, { body: "note\u0000" }, "body"],
    ["a note with a C1 control", ZCreateNoteInput, { body: "note\u0085" }, "body"],
    ["a transition reason", ZCaseTransitionInput, { to: "ACTIVE", reason: "why\u0000" }, "reason"],
    ["an evidence title", ZEvidenceMetadata, { ...evidence, title: "Rep\tort" }, "title"],
    ["an evidence description", ZEvidenceMetadata, { ...evidence, description: "x\u0000" }, "description"],
    ["an evidence source", ZEvidenceMetadata, { ...evidence, source: "crawler\r\nX-Injected: 1" }, "source"],
    ["a user name", ZCreateUserInput, { ...user, name: "Ann\u0000" }, "name"],
    ["a password", ZSignInInput, { email: "a@example.test", password: "pass\u0000word" }, "password"],
    ["a token name", ZCreateTokenInput, { name: "ci\u007f" }, "name"],
    ["a search", ZListCasesQuery, { q: "LAN\u0000" }, "q"],
  ])("refuses %s, naming the field", (_label, schema, input, field) => {
    const errors = refusal(schema, input);
    expect(errors).not.toBeNull();
    expect(errors![field]?.[0]).toMatch(/^must not contain control characters \(U\+[0-9A-F]{4} at position \d+\)$/);
  });

  it("says which character and where", () => {
    expect(refusal(ZCreateCaseInput, { title: "abc\u0000" })).toEqual({ title: ["must not contain control characters (U+0000 at position 4)"] });
  });

  it("reports it beside the schema's own errors", () => {
    const errors = refusal(ZCreateUserInput, { ...user, name: "A\u0000", email: "nope" });
    expect(Object.keys(errors!).sort()).toEqual(["email", "name"]);
  });

  it.each([
    ["a summary", ZCreateCaseInput, { title: "Harvesting", summary: "line one\r\nline two\n\tindented" }],
    ["a note", ZCreateNoteInput, { body: "# Heading\n\n- item\tx" }],
    ["an evidence description", ZEvidenceMetadata, { ...evidence, description: "a\nb" }],
    ["a reason", ZCaseTransitionInput, { to: "ACTIVE", reason: "first\nsecond" }],
    ["unicode text", ZCreateCaseInput, { title: "Überprüfung — 蒸留 🔍", summary: "ok" }],
    ["an email list, one per line", ZCreateAccountInput, { externalId: "acct-1", emails: "a@example.test\r\nb@example.test" }],
  ])("accepts line breaks and tabs in %s", (_label, schema, input) => {
    expect(refusal(schema, input)).toBeNull();
  });

  it("walks nested input without recursing without end", () => {
    let deep: unknown = "x\u0000";
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(() => controlCharacterErrors(deep)).not.toThrow();
    expect(controlCharacterErrors({ a: { b: ["ok", "n\u0000o"] } })).toEqual({ "a.b.1": [expect.stringMatching(/U\+0000/)] });
  });
});

describe("fields named like Object.prototype's members", () => {
  it.each(["constructor", "hasOwnProperty", "toString", "__proto__"])("reports an error on a field named %s in the error shape", (name) => {
    const input = JSON.parse(`{"title": "ok", ${JSON.stringify(name)}: "x\\u0000"}`) as unknown;
    const errors = refusal(ZCreateCaseInput, input);
    expect(errors?.[name]).toEqual([expect.stringMatching(/control characters/)]);
    expect(JSON.parse(JSON.stringify(errors))).toHaveProperty([name]);
  });

  it("reports a schema error whose path is such a name", () => {
    const errors = refusal(ZListCasesQuery, { constructor: "x", page: "0" });
    expect(errors).not.toBeNull();
  });

  // Found by the fuzz test: naming the failed value called the input's own toString (an object here).
  it("names a hostile object given for a choice or a number without calling anything of it", () => {
    const hostile = JSON.parse('{"toString": {"isAdmin": true}, "valueOf": {"x": 1}, "__proto__": {"polluted": 1}}') as unknown;
    expect(refusal(ZCaseTransitionInput, { to: "ON_HOLD", resolution: hostile })?.resolution).toEqual([expect.stringContaining("an object")]);
    expect(refusal(ZEvidenceMetadata, { ...evidence, kind: hostile })?.kind).toEqual([expect.stringContaining("an object")]);
    expect(refusal(ZListCasesQuery, { page: [hostile] })?.page).toEqual([expect.any(String)]);
  });
});

/** The message parseInput answers. */
function messageFor(schema: z.ZodType, input: unknown): string {
  try {
    parseInput(schema, input);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("accepted");
}

describe("messages in people's words (issue 13)", () => {
  it("names the tag that failed, once under the label the form uses, and keeps the details' paths", () => {
    const input = { title: "Harvesting", tags: ["ok", "x y", "a/b"] };
    expect(messageFor(ZCreateCaseInput, input)).toBe("Check this field: Tags (Tag “x y” may use letters, digits and . _ : -; Tag “a/b” may use letters, digits and . _ : -)");
    expect(Object.keys(refusal(ZCreateCaseInput, input)!)).toEqual(["tags.1", "tags.2"]);
  });

  it.each(["zh-蒸馏", "ru-дистилляция", "ar-تقطير", "hi-आसवन", "ops:2026_q1"])("accepts the tag %s, letters of any script", (tag) => {
    expect(refusal(ZCreateCaseInput, { title: "Harvesting", tags: [tag] })).toBeNull();
  });

  it("labels fields as the forms do, never by their internal names", () => {
    expect(messageFor(ZCreateNoteInput, { body: "" })).toBe("Check this field: Note (is required)");
    expect(messageFor(ZEvidenceMetadata, { ...evidence, collectedAt: "yesterday" })).toMatch(/^Check this field: Collected at \(/);
    expect(messageFor(ZCreateCaseInput, {})).toBe("Check this field: Title (is required)");
  });

  it("says in a sentence what a bad URL parameter should be, instead of the raw list of values", () => {
    const message = messageFor(ZListCasesQuery, { status: "FOO", sort: "nope", page: "two" });
    expect(message).toContain("Status (“FOO” is not a choice here; choose Open, Active, On hold, In review or Closed)");
    expect(message).toContain("Sort by (“nope” is not a choice here; choose Updated, Created, Severity or Due)");
    expect(message).toContain("Page (must be a number)");
    expect(message).not.toMatch(/"OPEN"\|/);
  });
});

describe("invisible and direction-changing characters", () => {
  it.each([
    ["a right-to-left override in a title", ZCreateCaseInput, { title: "Ω\u202eRTL\u202c" }, "title", "U+202E"],
    ["an isolate in a note", ZCreateNoteInput, { body: "see \u2067this\u2069" }, "body", "U+2067"],
    ["a zero-width space in a tag", ZCreateCaseInput, { title: "Harvesting", tags: ["a\u200bb"] }, "tags.0", "U+200B"],
    ["a byte-order mark in a user name", ZCreateUserInput, { ...user, name: "\ufeffAnn" }, "name", "U+FEFF"],
    ["a right-to-left mark in an evidence title", ZEvidenceMetadata, { ...evidence, title: "Rep\u200fort" }, "title", "U+200F"],
  ])("refuses %s", (_label, schema, input, field, code) => {
    expect(refusal(schema, input)?.[field]).toEqual(expect.arrayContaining([expect.stringContaining(`invisible or direction-changing characters (${code}`)]));
  });

  it("keeps direction marks in free text and joiners in names", () => {
    expect(refusal(ZCreateNoteInput, { body: "שלום\u200f world" })).toBeNull();
    expect(refusal(ZCreateUserInput, { ...user, name: "می\u200cخواهم" })).toBeNull();
  });

  it("takes them out of upload file names", () => {
    expect(stripInvisible("report\u202efdp.exe")).toBe("reportfdp.exe");
    expect(stripInvisible("\ufeffa\u200bb\u2066c")).toBe("abc");
  });
});

describe("due dates", () => {
  it.each(["0202-03-04", "1999-12-31", "2101-01-01", "20266-01-01T00:00:00Z"])("refuses %s, a year outside 2000 to 2100", (dueAt) => {
    expect(refusal(ZCreateCaseInput, { title: "Harvesting", dueAt })?.dueAt?.[0]).toMatch(/pick a year from 2000 to 2100|date/);
    expect(refusal(ZEditCaseInput, { dueAt })).toHaveProperty("dueAt");
  });

  it.each(["2000-01-01", "2026-12-01", "2100-12-31", ""])("accepts %j", (dueAt) => {
    expect(refusal(ZCreateCaseInput, { title: "Harvesting", dueAt })).toBeNull();
  });
});
