import { describe, expect, it } from "vitest";
import { requestIdOf } from "@/lib/http/request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("requestIdOf", () => {
  it.each(["3f2b8c1e-6d1a-4b7e-9a55-0c2d4e6f8a10", "trace:abc.DEF_1-2", "a".repeat(64)])("keeps the short plain id %s", (id) => {
    expect(requestIdOf(new Headers({ "x-request-id": id }))).toBe(id);
  });

  it.each(["<img src=x onerror=alert(1)>".repeat(300), "a".repeat(65), "two words", "semi;colon", "quote\"", "ünïcode"])(
    "replaces %j with a fresh UUID",
    (id) => {
      expect(requestIdOf(new Headers({ "x-request-id": id }))).toMatch(UUID);
    },
  );

  it("makes one when none is given", () => {
    expect(requestIdOf(new Headers())).toMatch(UUID);
  });
});
