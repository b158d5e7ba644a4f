/**
 * A CSV file as spreadsheets write it, read into rows of cells (RFC 4180,
 * liberally): a UTF-8 byte order mark is dropped (Excel writes one); the
 * separator is whichever of `,` `;` or tab the header line uses most outside
 * quotes (Excel writes `;` where the decimal mark is a comma); quoted cells
 * hold separators, doubled quotes and line breaks; lines end in CRLF, LF or
 * CR. Rows are numbered as a spreadsheet shows them (the header is row 1,
 * a quoted line break does not start a row); blank rows are left out.
 */

export type CsvSeparator = ',' | ';' | '\t';

export interface CsvRow {
  /** The row's number in the spreadsheet: the header is 1. */
  row: number;
  cells: string[];
}

export interface CsvTable {
  separator: CsvSeparator;
  header: string[];
  rows: CsvRow[];
}

/** A file that cannot be read as a table; `row` is where the reading stopped. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** The separator the first line uses most, outside quotes; a comma when it uses none. */
function sniffSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as CsvSeparator]++;
  }
  return ([';', '\t'] as const).reduce<CsvSeparator>((best, s) => (counts[s] > counts[best] ? s : best), ',');
}

export function parseCsv(input: string): CsvTable {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const separator = sniffSeparator(text);
  const records: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let row = 1;
  let i = 0;
  /** At the start of a cell, where a quote opens a quoted cell (elsewhere it is text). */
  let cellStart = true;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) records.push({ row, cells });
    cells = [];
    cell = '';
    cellStart = true;
    row++;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && cellStart) {
      // A quoted cell: up to the quote that is not doubled.
      cellStart = false;
      const start = row;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(`Row ${start} has a quote that is never closed.`, start);
        const c = text[i]!;
        i++;
        if (c !== '"') cell += c;
        else if (text[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
      cellStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRow();
    } else {
      // Text after a closing quote (`"a"b`) is kept, as spreadsheets do.
      cell += ch;
      cellStart = false;
      i++;
    }
  }
  if (cell !== '' || cells.length) endRow();
  const [head, ...rows] = records;
  return { separator, header: head?.cells ?? [], rows };
}
