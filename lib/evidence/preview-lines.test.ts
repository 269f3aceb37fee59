import { describe, expect, it } from "vitest";
import { clip, decodeUtf8, pageOf, readLines } from "@/lib/evidence/preview-lines";

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* strings(...chunks: string[]): AsyncGenerator<string> {
  yield* chunks;
}

async function* chunksOf(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

describe("decodeUtf8", () => {
  it("keeps a character split across chunks whole and replaces invalid bytes", async () => {
    const euro = Buffer.from("€"); // 3 bytes
    const chunks = [Buffer.concat([Buffer.from("a"), euro.subarray(0, 2)]), Buffer.concat([euro.subarray(2), Buffer.from([0xff]), Buffer.from("b")])];
    expect((await all(decodeUtf8(chunksOf(chunks)))).join("")).toBe("a€\ufffdb");
  });
});

describe("readLines", () => {
  it("splits at LF and CRLF across chunks, keeps empty lines, and counts a last line without newline", async () => {
    const lines = await all(readLines(strings("one\r\ntw", "o\n\nthr", "ee"), 100));
    expect(lines).toEqual([
      { n: 1, text: "one", cut: false },
      { n: 2, text: "two", cut: false },
      { n: 3, text: "", cut: false },
      { n: 4, text: "three", cut: false },
    ]);
  });

  it("adds no empty line after a final newline", async () => {
    expect((await all(readLines(strings("a\nb\n"), 100))).map((l) => l.text)).toEqual(["a", "b"]);
  });

  it("cuts a long line to the limit, even when it arrives in many chunks", async () => {
    const [long, next] = await all(readLines(strings("x".repeat(7), "y".repeat(7), "\r\nshort\n"), 10));
    expect(long).toEqual({ n: 1, text: "xxxxxxxyyy", cut: true });
    expect(next).toEqual({ n: 2, text: "short", cut: false });
  });

  it("does not count the CR of a line exactly at the limit as cutting it", async () => {
    expect(await all(readLines(strings("0123456789\r\n"), 10))).toEqual([{ n: 1, text: "0123456789", cut: false }]);
  });
});

describe("clip", () => {
  it("never splits a surrogate pair", () => {
    expect(clip("ab😀c", 3)).toBe("ab");
    expect(clip("ab😀c", 4)).toBe("ab😀");
    expect(clip("abc", 5)).toBe("abc");
  });
});

describe("pageOf", () => {
  it("returns the requested page, converting only its items, and says whether more follow", async () => {
    const converted: number[] = [];
    const convert = (n: number) => {
      converted.push(n);
      return n * 10;
    };
    async function* numbers() {
      for (let i = 1; i <= 7; i++) yield i;
    }
    expect(await pageOf(numbers(), 2, 3, convert)).toEqual({ items: [40, 50, 60], hasMore: true });
    expect(converted).toEqual([4, 5, 6]);
    expect(await pageOf(numbers(), 3, 3, (n) => n)).toEqual({ items: [7], hasMore: false });
    expect(await pageOf(numbers(), 9, 3, (n) => n)).toEqual({ items: [], hasMore: false });
  });

  it("stops reading one item past the page and closes the source", async () => {
    let pulled = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) yield ++pulled;
      } finally {
        closed = true;
      }
    }
    expect(await pageOf(endless(), 1, 5, (n) => n)).toEqual({ items: [1, 2, 3, 4, 5], hasMore: true });
    expect([pulled, closed]).toEqual([6, true]);
  });
});
