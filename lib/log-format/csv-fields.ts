// The cells of one CSV record (RFC 4180: comma-separated, fields in double quotes may hold commas,
// doubled quotes and line breaks). A record whose quote is still open at the end of the text is
// "open": the caller appends the next physical line and asks again. A bare quote inside an
// unquoted field is taken literally (as most exporters write it).
export type CsvFields = { cells: string[] } | { open: true } | { error: string };

export function splitCsvRecord(text: string): CsvFields {
  if (text.indexOf('"') === -1) return { cells: text.split(",") };
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return { open: true };
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          from = quote + 2;
          continue;
        }
        const next = quote + 1;
        cells.push(value);
        if (next === text.length) return { cells };
        if (text.charCodeAt(next) !== 44 /* , */) {
          return { error: `unexpected ${JSON.stringify(text[next])} after the closing quote of column ${cells.length}` };
        }
        i = next + 1;
        break;
      }
      if (i === text.length) {
        cells.push("");
        return { cells };
      }
      continue;
    }
    const comma = text.indexOf(",", i);
    if (comma === -1) {
      cells.push(text.slice(i));
      return { cells };
    }
    cells.push(text.slice(i, comma));
    i = comma + 1;
    if (i === text.length) {
      cells.push("");
      return { cells };
    }
  }
}
