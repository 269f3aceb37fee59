import { describe, expect, it } from "vitest";
import { accountFailure, accountInputOf } from "@/components/accounts/account-form-input";
import { ZCreateAccountInput } from "@/lib/accounts/account-schemas";
import { parseInput } from "@/lib/validation";

function form(fields: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

/** What the create action does: parse with the API's schema, map a refusal back onto the form. */
function submit(f: FormData) {
  const { input, rowOfAttribute } = accountInputOf(f);
  try {
    return { data: parseInput(ZCreateAccountInput, input), state: undefined };
  } catch (e) {
    return { data: undefined, state: accountFailure(e, f, rowOfAttribute) };
  }
}

describe("account form input", () => {
  it("pairs attribute rows and leaves blank rows out", () => {
    const { data } = submit(
      form([
        ["externalId", "acct-1"],
        ["attrType", "IP"],
        ["attrValue", "::ffff:203.0.113.7"],
        ["attrType", "DEVICE_ID"],
        ["attrValue", "  "],
        ["attrType", "EMAIL_DOMAIN"],
        ["attrValue", "@Example.COM"],
      ]),
    );
    expect(data?.attributes).toEqual([
      { type: "IP", value: "203.0.113.7" },
      { type: "EMAIL_DOMAIN", value: "example.com" },
    ]);
  });

  it("reports an attribute's error on the form row it came from, past a blank row", () => {
    const f = form([
      ["externalId", "acct 1"],
      ["attrType", "DEVICE_ID"],
      ["attrValue", ""],
      ["attrType", "IP"],
      ["attrValue", "not-an-ip"],
    ]);
    const { state } = submit(f);
    expect(state?.ok).toBe(false);
    expect(state?.fieldErrors?.externalId).toEqual(["must not contain spaces"]);
    expect(state?.fieldErrors?.["attributes.1"]?.[0]).toMatch(/not an IP address/);
    expect(state?.fieldErrors?.["attributes.0"]).toBeUndefined();
    expect(state?.fieldErrors?.attributes).toBeUndefined();
    // What was typed comes back, rows included, so the form loses nothing.
    expect(state?.values?.attrValue).toEqual(["", "not-an-ip"]);
  });

  it("rethrows what is not an expected error", () => {
    expect(() => accountFailure(new Error("boom"), form([]), [])).toThrow("boom");
  });
});
