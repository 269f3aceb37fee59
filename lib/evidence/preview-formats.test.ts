// The text-family previews on bytes made here (the database and storage are covered by
// preview-evidence.integration.test.ts).
import { describe, expect, it } from "vitest";
import { PREVIEW_LIMITS, previewCsv, previewJson, previewJsonl, previewText } from "@/lib/evidence/preview-formats";

async function* bytes(...chunks: (string | Buffer)[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield typeof c === "string" ? Buffer.from(c) : c;
}

/** A source of `lines` lines, one chunk each, that records how many it gave and whether it was closed. */
function tracked(lines: number, line: (i: number) => string) {
  const state = { pulled: 0, closed: false };
  async function* source(): AsyncGenerator<Uint8Array> {
    try {
      for (let i = 0; i < lines; i++) {
        state.pulled += 1;
        yield Buffer.from(line(i));
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, source: source() };
}

// Destroying a pipeline reaches its source a tick later.
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("previewText", () => {
  it("marks the last page truncated when the bytes were only the start of the content", async () => {
    const page = { page: 1, pageSize: 10 };
    expect(await previewText(bytes("a\nb"), page, false)).toMatchObject({ lines: [{ n: 1, text: "a" }, { n: 2, text: "b" }], hasMore: false, truncated: false });
    expect(await previewText(bytes("a\nb"), page, true)).toMatchObject({ hasMore: false, truncated: true });
    expect(await previewText(bytes("a\nb\nc"), { page: 1, pageSize: 1 }, true)).toMatchObject({ lines: [{ n: 1, text: "a" }], hasMore: true, truncated: false });
  });

  it("reads no further than the page needs", async () => {
    const { state, source } = tracked(100_000, (i) => `line ${i}\n`);
    const preview = await previewText(source, { page: 2, pageSize: 10 }, false);
    expect(preview.lines.map((l) => l.n)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(state).toEqual({ pulled: 21, closed: true });
  });
});

describe("previewJsonl", () => {
  it("skips blank lines but keeps file line numbers; shows an over-long line raw and cut", async () => {
    const long = JSON.stringify({ blob: "x".repeat(PREVIEW_LIMITS.recordChars) });
    const preview = await previewJsonl(bytes('{"a":1}\n\n  \n[2]\n', long, "\n"), { page: 1, pageSize: 10 }, false);
    expect(preview.lines.map(({ n, valid }) => [n, valid])).toEqual([[1, true], [4, true], [5, false]]);
    expect(preview.lines[0].text).toBe('{\n  "a": 1\n}');
    expect(preview.lines[2].text).toHaveLength(PREVIEW_LIMITS.shownChars);
    expect(preview.truncated).toBe(true);
  });

  it("cuts a long pretty-printed record to the shown length", async () => {
    const preview = await previewJsonl(bytes(JSON.stringify({ text: "y".repeat(20_000) })), { page: 1, pageSize: 10 }, false);
    expect(preview.lines[0]).toMatchObject({ n: 1, valid: true });
    expect(preview.lines[0].text).toHaveLength(PREVIEW_LIMITS.shownChars);
    expect(preview.truncated).toBe(true);
  });
});

describe("previewCsv", () => {
  it("tolerates ragged rows and stray quotes, and cuts long cells", async () => {
    const preview = await previewCsv(bytes(`a,b\n1\n2,3,4\n5,x"y\n6,${"z".repeat(PREVIEW_LIMITS.shownChars + 1)}\n`), { page: 1, pageSize: 10 }, false);
    expect(preview).toMatchObject({ columns: ["a", "b"], hasMore: false, truncated: true });
    expect(preview?.rows.slice(0, 3)).toEqual([["1"], ["2", "3", "4"], ["5", 'x"y']]);
    expect(preview?.rows[3][1]).toHaveLength(PREVIEW_LIMITS.shownChars);
  });

  it("gives a header-only file no rows", async () => {
    expect(await previewCsv(bytes("a,b\n"), { page: 1, pageSize: 10 }, false)).toMatchObject({ columns: ["a", "b"], rows: [], hasMore: false, truncated: false });
  });

  it("returns null for bytes the parser rejects (an unclosed quote), so the caller can show text", async () => {
    expect(await previewCsv(bytes('a,b\n1,"never closed\n2,3\n'), { page: 1, pageSize: 10 }, false)).toBeNull();
  });

  it("reads no further than the page needs and closes the source", async () => {
    const { state, source } = tracked(100_000, (i) => (i === 0 ? "n,sq\n" : `${i},${i * i}\n`));
    const preview = await previewCsv(source, { page: 3, pageSize: 5 }, false);
    expect(preview).toMatchObject({ columns: ["n", "sq"], rows: [["11", "121"], ["12", "144"], ["13", "169"], ["14", "196"], ["15", "225"]], hasMore: true });
    await settle();
    expect(state.closed).toBe(true);
    // The page plus what the streams buffer (some 16 KiB), not the 100,000 lines.
    expect(state.pulled).toBeLessThan(5_000);
  });
});

describe("previewJson", () => {
  it("pretty-prints a document that parses", async () => {
    expect(await previewJson(bytes('{"a":', "[1,2]}"), 12)).toEqual({ format: "json", text: '{\n  "a": [\n    1,\n    2\n  ]\n}', truncated: false });
  });

  it("shows a malformed document raw", async () => {
    expect(await previewJson(bytes('{"a": tru'), 9)).toEqual({ format: "json", text: '{"a": tru', truncated: false });
  });

  it("shows the raw start of a document over the parse limit, without a half character at the cut", async () => {
    const size = PREVIEW_LIMITS.jsonParseBytes + 1;
    const head = Buffer.concat([Buffer.from("[" + "1,".repeat((PREVIEW_LIMITS.jsonRawBytes - 2) / 2)), Buffer.from("é")]);
    expect(head.length).toBe(PREVIEW_LIMITS.jsonRawBytes + 1);
    const preview = await previewJson(bytes(head), size);
    expect(preview.truncated).toBe(true);
    expect(preview.text.endsWith("1,")).toBe(true);
    expect(preview.text).toHaveLength(PREVIEW_LIMITS.jsonRawBytes - 1);
  });
});
