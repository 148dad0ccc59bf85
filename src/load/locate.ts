/**
 * Field path → file:line:column, resolved lazily: only objects with findings pay for it.
 * The loader keeps each file's text; the first lookup in a file parses it again and keeps its syntax tree.
 */
import { LineCounter, parseAllDocuments, isMap, isSeq, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import type { FieldPath, Location, SourceRef } from '../model/object.js';
import { jsonPathOffset, positionAfter } from './json-locate.js';

interface ParsedFile {
  documents: Document.Parsed[];
  lineCounter: LineCounter;
}

export class SourceLocator {
  private readonly parsed = new Map<string, ParsedFile | null>();

  constructor(
    private readonly texts: ReadonlyMap<string, string>,
    /** JSON List dumps kept as bytes; their items are located one by one through SourceRef.byteSpan. */
    private readonly jsonBuffers: ReadonlyMap<string, Buffer> = new Map(),
  ) {}

  /** The position of the deepest node on `path` that exists (a missing field points at its parent). */
  locate(source: SourceRef, path: FieldPath): Location {
    const fallback = this.withHelm(source, { file: source.file, line: source.line, column: source.column });
    if (source.fieldsUnlocated === true) return fallback;
    if (source.byteSpan) return this.locateInItem(source, path) ?? fallback;
    const parsed = this.parse(source.file);
    const document = parsed?.documents[source.document];
    if (!parsed || !document) return fallback;
    const offset = walk(document.contents as YamlNode | null, [...source.pathInDocument, ...path]);
    if (offset === undefined) return fallback;
    const position = parsed.lineCounter.linePos(offset);
    return this.withHelm(source, { file: source.file, line: position.line, column: position.col });
  }

  /** A field of one item of a JSON dump: only the item's bytes are walked, and positions are shifted to the file. */
  private locateInItem(source: SourceRef, path: FieldPath): Location | undefined {
    const buffer = this.jsonBuffers.get(source.file);
    if (!buffer || !source.byteSpan) return undefined;
    const [start, end] = source.byteSpan;
    const offset = jsonPathOffset(buffer, start, end, path);
    const position = positionAfter(buffer, start, source.line, source.column, offset);
    return this.withHelm(source, { file: source.file, line: position.line, column: position.column });
  }

  private withHelm(source: SourceRef, location: Location): Location {
    if (source.helmTemplate) location.helmTemplate = source.helmTemplate;
    return location;
  }

  private parse(file: string): ParsedFile | null {
    if (this.parsed.has(file)) return this.parsed.get(file) ?? null;
    const text = this.texts.get(file);
    let result: ParsedFile | null = null;
    if (text !== undefined) {
      try {
        const lineCounter = new LineCounter();
        // No uniqueKeys: the library's check is quadratic, and the loader has already refused duplicates.
        const documents = parseAllDocuments(text, { lineCounter, version: '1.1', uniqueKeys: false }) as Document.Parsed[];
        result = Array.isArray(documents) ? { documents, lineCounter } : null;
      } catch {
        result = null;
      }
    }
    this.parsed.set(file, result);
    return result;
  }
}

/** The offset of the deepest node on `path` that exists. */
function walk(root: YamlNode | null, path: FieldPath): number | undefined {
  let node = root;
  let offset: number | undefined = node?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair || !isPair(pair)) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
