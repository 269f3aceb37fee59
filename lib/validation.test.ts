import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZCreateAccountInput } from "@/lib/accounts/account-schemas";
import { ZCreateTokenInput } from "@/lib/auth/api-tokens";
import { ZCaseTransitionInput, ZCreateCaseInput, ZCreateNoteInput, ZEditCaseInput, ZListCasesQuery } from "@/lib/cases/case-schemas";
import { ZEvidenceMetadata } from "@/lib/evidence/evidence-schemas";
import { ZSignInInput } from "@/lib/auth/sign-in-schema";
import { ZCreateUserInput } from "@/lib/users/user-schemas";
import { controlCharacterErrors, parseInput } from "@/lib/validation";

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
});
