// Streaming pieces of the text previews: bytes → UTF-8 text → lines → one page. Memory holds at
// most one line (cut to a limit) and one page, whatever the size of the content.

/** Decodes UTF-8 chunk by chunk: invalid bytes become U+FFFD, a character split across chunks stays whole. */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** A line numbered from 1; `cut` when it was longer than the limit and `text` is its start. */
export type Line = { n: number; text: string; cut: boolean };

/** Splits text at LF (dropping the CR of CRLF). A last line without a newline counts; the empty
 *  "line" after a final newline does not. Only the first maxChars of a line are kept. */
export async function* readLines(text: AsyncIterable<string>, maxChars: number): AsyncGenerator<Line> {
  let n = 0;
  let kept = "";
  let length = 0;
  // One more than the limit is kept, so a line of exactly maxChars plus its CR is not taken as cut.
  const take = (s: string, start: number, end: number) => {
    const room = maxChars + 1 - kept.length;
    if (room > 0) kept += s.slice(start, Math.min(end, start + room));
    length += end - start;
  };
  const finish = (): Line => {
    n += 1;
    const whole = length === kept.length ? kept.replace(/\r$/, "") : kept;
    const line = { n, text: clip(whole, maxChars), cut: whole.length > maxChars };
    kept = "";
    length = 0;
    return line;
  };
  for await (const chunk of text) {
    let from = 0;
    for (let nl = chunk.indexOf("\n"); nl !== -1; nl = chunk.indexOf("\n", from)) {
      take(chunk, from, nl);
      yield finish();
      from = nl + 1;
    }
    take(chunk, from, chunk.length);
  }
  if (length > 0) yield finish();
}

/** At most the first max UTF-16 units of s, never splitting a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** Page `page` (from 1) of the source, converting only the items on it. Stops reading as soon as
 *  one item past the page is seen (for hasMore); leaving the loop early ends the source. */
export async function pageOf<S, T>(source: AsyncIterable<S>, page: number, pageSize: number, convert: (item: S) => T): Promise<{ items: T[]; hasMore: boolean }> {
  const skip = (page - 1) * pageSize;
  const items: T[] = [];
  let seen = 0;
  for await (const item of source) {
    if (seen === skip + pageSize) return { items, hasMore: true };
    if (seen >= skip) items.push(convert(item));
    seen += 1;
  }
  return { items, hasMore: false };
}
