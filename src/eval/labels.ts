/**
 * LABELS.tsv of a corpora folder → typed labels. The files are tab-separated with a header row; a field that starts
 * with a double quote is quoted the way spreadsheets write it (`""` is a quote; tabs and newlines may sit inside).
 */

export type Expectation = 'fail' | 'pass';

/** One object a label is about: `Kind/namespace/name`. An empty namespace means the manifest names none. */
export interface LabelObject {
  kind: string;
  namespace: string;
  name: string;
}

/** A label row. The field names are the TSV's own, so a verdict file reads like the labels it came from. */
export interface Label {
  /** The 1-based line of the row in LABELS.tsv, to point a reader at it. */
  line: number;
  file: string;
  object: string;
  concept: string;
  expected: Expectation;
  source_of_label: string;
  source_check: string;
  note: string;
  unit: string;
  /** `object`, split on `;`. */
  objects: LabelObject[];
  /** `unit`, split on `;` (the label's own file when the column is empty or absent). */
  unitPaths: string[];
}

export interface ParsedLabels {
  labels: Label[];
  /** Rows that could not be used, each naming its line; the other rows are still scored. */
  problems: string[];
}

const REQUIRED_COLUMNS = ['file', 'object', 'concept', 'expected'] as const;

/** Splits TSV text into rows of fields, honouring quoted fields. Each row keeps the line it starts on. */
export function parseTsv(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the first column name
  let atFieldStart = true;

  const endRow = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    atFieldStart = true;
    rowLine = line;
  };

  while (index < text.length) {
    const char = text[index];
    if (atFieldStart && char === '"') {
      atFieldStart = false;
      index++;
      while (index < text.length) {
        const inner = text[index];
        if (inner === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        if (inner === '\n') line++;
        field += inner;
        index++;
      }
      continue;
    }
    atFieldStart = false;
    if (char === '\t') {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      line++;
      endRow();
    } else {
      field += char;
    }
    index++;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/** `Kind/namespace/name` → its parts; undefined when the text does not have exactly three parts. */
export function parseLabelObject(text: string): LabelObject | undefined {
  const parts = text.trim().split('/');
  if (parts.length !== 3) return undefined;
  const [kind, namespace, name] = parts;
  if (!kind || !name) return undefined;
  return { kind, namespace, name };
}

export function parseLabels(text: string): ParsedLabels {
  const rows = parseTsv(text);
  const header = rows.shift();
  if (!header) return { labels: [], problems: ['LABELS.tsv is empty: it needs a header row'] };
  const columns = new Map(header.fields.map((name, index) => [name.trim(), index]));
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name));
  if (missing.length > 0) return { labels: [], problems: [`LABELS.tsv line ${header.line}: the header lacks the column(s) ${missing.join(', ')}`] };

  const labels: Label[] = [];
  const problems: string[] = [];
  for (const row of rows) {
    const cell = (name: string): string => {
      const index = columns.get(name);
      return index === undefined ? '' : (row.fields[index] ?? '');
    };
    const where = `LABELS.tsv line ${row.line}`;
    const expected = cell('expected').trim();
    if (expected !== 'fail' && expected !== 'pass') {
      problems.push(`${where}: expected is "${expected}", not fail or pass (row skipped)`);
      continue;
    }
    const objectText = cell('object');
    const objects = splitList(objectText).map(parseLabelObject);
    if (objects.length === 0 || objects.some((object) => object === undefined)) {
      problems.push(`${where}: object "${objectText}" is not Kind/namespace/name (row skipped)`);
      continue;
    }
    const concept = cell('concept').trim();
    const file = cell('file').trim();
    if (!concept || !file) {
      problems.push(`${where}: the file or the concept is empty (row skipped)`);
      continue;
    }
    const unit = cell('unit');
    const unitPaths = splitList(unit);
    labels.push({
      line: row.line,
      file,
      object: objectText,
      concept,
      expected,
      source_of_label: cell('source_of_label'),
      source_check: cell('source_check'),
      note: cell('note'),
      unit,
      objects: objects as LabelObject[],
      unitPaths: unitPaths.length > 0 ? unitPaths : [file],
    });
  }
  return { labels, problems };
}

function splitList(text: string): string[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
