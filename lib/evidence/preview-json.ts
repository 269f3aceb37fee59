// Pretty-printing with bounds. JSON.stringify(v, null, 2) has none: indentation grows with depth,
// so a 1 MiB document of deep nesting can print to gigabytes. This prints the same text but stops
// once maxChars are written, and refuses (null) nesting deeper than maxDepth.
import { clip } from "@/lib/evidence/preview-lines";

export function prettyJson(value: unknown, maxChars: number, maxDepth = 100): { text: string; truncated: boolean } | null {
  const parts: string[] = [];
  let size = 0;
  let tooDeep = false;
  // false = stop: the output is over maxChars.
  const put = (s: string) => {
    parts.push(s);
    size += s.length;
    return size <= maxChars;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v !== "object") return put(JSON.stringify(v));
    if (depth >= maxDepth) {
      tooDeep = true;
      return false;
    }
    const isArray = Array.isArray(v);
    const entries: [string | null, unknown][] = isArray ? v.map((x: unknown) => [null, x]) : Object.entries(v);
    const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) return put(open + close);
    if (!put(open)) return false;
    const pad = "  ".repeat(depth + 1);
    for (const [i, [key, item]] of entries.entries()) {
      if (!put(`${i ? "," : ""}\n${pad}${key === null ? "" : `${JSON.stringify(key)}: `}`)) return false;
      if (!walk(item, depth + 1)) return false;
    }
    return put(`\n${"  ".repeat(depth)}${close}`);
  };
  walk(value, 0);
  if (tooDeep) return null;
  const text = parts.join("");
  return size > maxChars ? { text: clip(text, maxChars), truncated: true } : { text, truncated: false };
}
