import { describe, expect, it } from 'vitest';
import { parseLabelObject, parseLabels, parseTsv } from './labels.js';

const HEADER = 'file\tobject\tconcept\texpected\tsource_of_label\tsource_check\tnote\tunit';

describe('parseTsv', () => {
  it('reads quoted fields with doubled quotes, as the kube-linter labels write them', () => {
    const rows = parseTsv('a\t"report: binding to ""role1"" role"\tc\n');
    expect(rows).toEqual([{ line: 1, fields: ['a', 'report: binding to "role1" role', 'c'] }]);
  });

  it('keeps tabs and newlines inside a quoted field and counts lines for the next row', () => {
    const rows = parseTsv('x\t"one\ttwo\nthree"\ty\nnext\trow\n');
    expect(rows[0].fields).toEqual(['x', 'one\ttwo\nthree', 'y']);
    expect(rows[1]).toEqual({ line: 3, fields: ['next', 'row'] });
  });

  it('accepts CRLF line ends, a byte-order mark, blank lines and a last row without a newline', () => {
    const rows = parseTsv('\ufeffa\tb\r\n\r\nc\td');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['c', 'd'] },
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseTsv('a\t\tc\t\n')[0].fields).toEqual(['a', '', 'c', '']);
  });

  it('leaves a quote in the middle of an unquoted field as it is', () => {
    expect(parseTsv('say "hi"\tb\n')[0].fields).toEqual(['say "hi"', 'b']);
  });
});

describe('parseLabelObject', () => {
  it('splits Kind/namespace/name and keeps an empty namespace empty', () => {
    expect(parseLabelObject('Pod//web')).toEqual({ kind: 'Pod', namespace: '', name: 'web' });
    expect(parseLabelObject('RoleBinding/dev/read')).toEqual({ kind: 'RoleBinding', namespace: 'dev', name: 'read' });
  });

  it('rejects names that are not three parts or lack a kind or name', () => {
    expect(parseLabelObject('Pod/web')).toBeUndefined();
    expect(parseLabelObject('/dev/web')).toBeUndefined();
    expect(parseLabelObject('Pod/dev/')).toBeUndefined();
  });
});

describe('parseLabels', () => {
  it('reads every column, splits objects and unit paths on ;', () => {
    const text = `${HEADER}\nrbac/role.yaml\tRole/dev/r;RoleBinding/dev/b\trbac_secrets_read\tfail\tsrc\tcheck-1\t"note ""q"""\trbac/role.yaml;rbac/\n`;
    const { labels, problems } = parseLabels(text);
    expect(problems).toEqual([]);
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({
      line: 2,
      file: 'rbac/role.yaml',
      concept: 'rbac_secrets_read',
      expected: 'fail',
      source_check: 'check-1',
      note: 'note "q"',
      unitPaths: ['rbac/role.yaml', 'rbac/'],
      objects: [
        { kind: 'Role', namespace: 'dev', name: 'r' },
        { kind: 'RoleBinding', namespace: 'dev', name: 'b' },
      ],
    });
  });

  it('scans the label file itself when the unit is empty or the column is absent', () => {
    const withEmptyUnit = parseLabels(`${HEADER}\np.yaml\tPod//p\tprivileged\tpass\t\t\t\t\n`);
    expect(withEmptyUnit.labels[0].unitPaths).toEqual(['p.yaml']);
    const withoutUnitColumn = parseLabels('file\tobject\tconcept\texpected\np.yaml\tPod//p\tprivileged\tfail\n');
    expect(withoutUnitColumn.labels[0].unitPaths).toEqual(['p.yaml']);
  });

  it('skips rows it cannot use, naming their line, and keeps the rest', () => {
    const text = `${HEADER}\np.yaml\tPod//p\tprivileged\tmaybe\t\t\t\tp.yaml\np.yaml\tPod/p\tprivileged\tfail\t\t\t\tp.yaml\np.yaml\tPod//p\tprivileged\tfail\t\t\t\tp.yaml\n`;
    const { labels, problems } = parseLabels(text);
    expect(labels.map((label) => label.line)).toEqual([4]);
    expect(problems).toEqual([expect.stringContaining('line 2: expected is "maybe"'), expect.stringContaining('line 3: object "Pod/p"')]);
  });

  it('refuses a header without the required columns', () => {
    const { labels, problems } = parseLabels('file\tobject\tverdict\np.yaml\tPod//p\tfail\n');
    expect(labels).toEqual([]);
    expect(problems[0]).toContain('concept, expected');
  });
});
