/**
 * Small RFC 4180 CSV reader/writer (quoted fields, doubled quotes, CRLF/LF, UTF-8 BOM).
 * The reader is incremental: feed it chunks of text, it yields complete rows.
 */
/** A quoted field that is never closed: the rest of the file would be read as one value. */
export class CsvUnclosedQuoteError extends Error {
  constructor(
    /** the record (spreadsheet row, header = 1) where the quote opened */
    readonly row: number,
  ) {
    super(`unclosed quote in row ${row}`);
    this.name = "CsvUnclosedQuoteError";
  }
}

export class CsvReader {
  private field = "";
  /** records completed so far, and the record a still-open quote started in */
  private records = 0;
  private quoteRecord = 0;
  private row: string[] = [];
  private inQuotes = false;
  private quoteSeen = false;
  private first = true;
  private pendingCr = false;

  /** Parses a chunk; returns the rows completed by it. */
  push(chunk: string): string[][] {
    const rows: string[][] = [];
    let s = chunk;
    if (this.first) {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    let i = 0;
    const len = s.length;
    let field = this.field;
    while (i < len) {
      if (this.inQuotes) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          field += s.slice(i);
          i = len;
          break;
        }
        field += s.slice(i, q);
        if (q + 1 < len) {
          if (s.charCodeAt(q + 1) === 34) {
            field += '"';
            i = q + 2;
          } else {
            this.inQuotes = false;
            i = q + 1;
          }
        } else {
          // quote at the end of the chunk: decide on the next chunk
          this.inQuotes = false;
          this.quoteSeen = true;
          i = q + 1;
        }
        continue;
      }
      const c = s.charCodeAt(i);
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === 34) {
          // "" split across chunks
          field += '"';
          this.inQuotes = true;
          i++;
          continue;
        }
      }
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === 10) {
          i++;
          continue;
        }
      }
      if (c === 44) {
        this.row.push(field);
        field = "";
        i++;
      } else if (c === 10 || c === 13) {
        this.row.push(field);
        field = "";
        rows.push(this.row);
        this.records++;
        this.row = [];
        if (c === 13) {
          if (i + 1 < len) {
            if (s.charCodeAt(i + 1) === 10) i++;
          } else this.pendingCr = true;
        }
        i++;
      } else if (c === 34 && field === "") {
        this.inQuotes = true;
        this.quoteRecord = this.records + 1;
        i++;
      } else {
        // plain run up to the next delimiter
        let j = i;
        while (j < len) {
          const d = s.charCodeAt(j);
          if (d === 44 || d === 10 || d === 13) break;
          j++;
        }
        field += s.slice(i, j);
        i = j;
      }
    }
    this.field = field;
    return rows;
  }

  /** Flushes the last row (a file without a final newline); a quote still open is an error. */
  end(): string[][] {
    if (this.inQuotes) throw new CsvUnclosedQuoteError(this.quoteRecord);
    this.quoteSeen = false;
    if (this.field !== "" || this.row.length > 0) {
      this.row.push(this.field);
      this.field = "";
      const r = this.row;
      this.row = [];
      this.records++;
      return [r];
    }
    return [];
  }
}

/** Parses a whole CSV text. */
export function parseCsv(text: string): string[][] {
  const r = new CsvReader();
  return [...r.push(text), ...r.end()].filter((row) => !(row.length === 1 && row[0] === ""));
}

/** One CSV field, quoted when needed. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(fields: string[]): string {
  return `${fields.map(csvField).join(",")}\n`;
}
