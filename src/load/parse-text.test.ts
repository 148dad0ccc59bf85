import { describe, expect, it } from 'vitest';
import { parseManifestText, textToKeep, type ParsedText } from './parse-text.js';
import type { InputProblem } from './problems.js';

const pod = (name: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
spec:
  containers:
  - name: app
    image: nginx:1.27
`;

/** A bad document between two good ones, in one file: the good ones must survive whatever the bad one does. */
const between = (bad: string): string => `${pod('before')}---\n${bad.endsWith('\n') ? bad : `${bad}\n`}---\n${pod('after')}`;

const parse = (text: string, file = 'input.yaml'): ParsedText => parseManifestText(text, file);

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string, from = 0): number {
  const index = text.indexOf(needle, from);
  if (index === -1) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, index).split('\n').length;
}

const names = (result: ParsedText): string[] => result.objects.map((object) => object.metadata.name);

/** The one problem of the result: names the file and line, says what is wrong, what was skipped and what to do. */
function onlyProblem(result: ParsedText, file = 'input.yaml'): InputProblem {
  expect(result.problems).toHaveLength(1);
  const problem = result.problems[0];
  expect(problem.severity).toBe('error');
  expect(problem.file).toBe(file);
  expect(problem.line).toBeGreaterThan(0);
  expect(problem.message.length).toBeGreaterThan(10);
  expect(problem.skipped).toBeTruthy();
  expect(problem.hint).toBeTruthy();
  return problem;
}

describe('malformed YAML', () => {
  it('names the line of a mapping indented less than its siblings, and keeps the other documents', () => {
    const text = between('apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\n namespace: shop\n');
    const result = parse(text);
    const problem = onlyProblem(result);
    expect(problem.line).toBe(lineOf(text, ' namespace: shop\n---'));
    expect(problem.message).toMatch(/^malformed YAML: .*same column/);
    expect(problem.skipped).toBe('document 2');
    expect(names(result)).toEqual(['before', 'after']);
  });

  it('points at a key indented more than its siblings (or the line before, where the parser sees it begin)', () => {
    const text = between('apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\n     namespace: shop\n');
    const result = parse(text);
    const problem = onlyProblem(result);
    expect([lineOf(text, '  name: bad'), lineOf(text, '     namespace')]).toContain(problem.line);
    expect(names(result)).toEqual(['before', 'after']);
  });

  it('refuses tabs as indentation at their line', () => {
    const text = between('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: bad\n');
    const problem = onlyProblem(parse(text));
    expect(problem.line).toBe(lineOf(text, '\tname'));
    expect(problem.message).toMatch(/tab/i);
  });

  it('reports an unclosed flow mapping and sequence within their document, and keeps the others', () => {
    for (const bad of ['apiVersion: v1\nkind: Pod\nmetadata: {name: bad, labels: {app: x}\nspec: {}\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers: [{name: a, image: b}\n']) {
      const text = between(bad);
      const result = parse(text);
      const problem = onlyProblem(result);
      expect(problem.message).toMatch(/^malformed YAML: .*(end with a \}|end with a \])/);
      expect(problem.line).toBeGreaterThanOrEqual(lineOf(text, 'name: bad'));
      expect(problem.line).toBeLessThan(lineOf(text, 'name: after'));
      expect(names(result)).toEqual(['before', 'after']);
    }
  });

  it('reports an unclosed quote at its document, without losing the documents after the next ---', () => {
    const text = between('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "bad\n  namespace: shop\n');
    const result = parse(text);
    const problem = onlyProblem(result);
    expect(problem.message).toMatch(/quote/i);
    expect(problem.skipped).toBe('document 2');
    expect(problem.line).toBeGreaterThanOrEqual(lineOf(text, 'name: "bad'));
    expect(problem.line).toBeLessThan(lineOf(text, 'name: after'));
    expect(names(result)).toEqual(['before', 'after']);
    const after = result.objects[1];
    expect(after.source).toMatchObject({ line: lineOf(text, 'apiVersion: v1', text.indexOf('namespace: shop\n---')), document: 2 });
  });

  it('recovers from several broken documents in one file', () => {
    const text = `${pod('a')}---\nmetadata: {name: "x\n---\n${pod('b')}---\nspec: [\n---\n${pod('c')}`;
    const result = parse(text);
    expect(names(result)).toEqual(['a', 'b', 'c']);
    expect(result.problems.map((problem) => problem.skipped)).toEqual(['document 2', 'document 4']);
  });

  it('refuses a key given twice in one mapping, at the second one, as kubectl does', () => {
    const text = between('apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  hostPID: false\n  containers: []\n  hostPID: true\n');
    const result = parse(text);
    const problem = onlyProblem(result);
    expect(problem.line).toBe(lineOf(text, '  hostPID: true'));
    expect(problem.column).toBe(3);
    expect(problem.message).toContain('"hostPID" appears twice');
    expect(names(result)).toEqual(['before', 'after']);
  });

  it('reads a mapping of 10,000 keys in linear time (the parser\'s own duplicate check is quadratic)', () => {
    const keys = Array.from({ length: 10_000 }, (_, index) => `  key-${index}: "value"`).join('\n');
    const started = performance.now();
    const result = parse(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${keys}\n  key-9999: "again"\n`);
    expect(performance.now() - started).toBeLessThan(2500); // quadratic: about 15 seconds
    expect(result.problems.map((problem) => problem.message)).toEqual(['malformed YAML: the key "key-9999" appears twice in the same mapping']);
  });
});

describe('malformed JSON', () => {
  const head = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n';
  it.each([
    ['a doubled comma', `${head}  "metadata": {"name": "a"},,\n  "spec": {}\n}\n`, 4, 29],
    ['a missing comma', `${head}  "metadata": {"name": "a"}\n  "spec": {}\n}\n`, 5, 3],
    ['a truncated file', `${head}  "metadata": {"name": "a"}\n`, 5, 1],
  ])('names the line and column of %s', (_, text, line, column) => {
    const problem = onlyProblem(parse(text, 'pod.json'), 'pod.json');
    expect(problem.message).toMatch(/^malformed JSON: /);
    expect([problem.line, problem.column]).toEqual([line, column]);
  });
});

describe('documents that are not Kubernetes objects', () => {
  it.each([
    ['a scalar', 'just some text', /found a string/],
    ['a number', '42', /found the number 42/],
    ['a list', '- apiVersion: v1\n  kind: Pod\n', /found a list/],
    ['a mapping without kind', 'apiVersion: v1\nmetadata:\n  name: x\n', /kind is missing/],
    ['a mapping without apiVersion', 'kind: Pod\nmetadata:\n  name: x\n', /apiVersion is missing/],
    ['a mapping without either', 'name: x\nimage: nginx\n', /apiVersion and kind are missing/],
    ['an object without metadata', 'apiVersion: v1\nkind: Pod\nspec: {}\n', /Pod has no metadata/],
    ['an object without metadata.name', 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {app: x}\n', /Pod has no metadata\.name/],
    ['an object whose name is not a string', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a, b]\n', /metadata\.name that is not a string \(a list\)/],
    ['a name YAML 1.1 reads as a boolean, as kubectl does', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: yes\n', /not a string \(the boolean true\)/],
  ])('skips %s with a message at its first line', (_, bad, message) => {
    const text = between(bad);
    const result = parse(text);
    const problem = onlyProblem(result);
    expect(problem.message).toMatch(message);
    expect(problem.line).toBe(lineOf(text, bad.split('\n')[0], text.indexOf('---')));
    expect(problem.skipped).toBe('document 2');
    expect(names(result)).toEqual(['before', 'after']);
  });

  it('accepts generateName in place of a name', () => {
    const result = parse('apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n');
    expect(result.problems).toEqual([]);
    expect(names(result)).toEqual(['migrate-*']);
  });

  it('keeps objects of kinds it does not know (CRDs and custom resources) for the model to judge', () => {
    const result = parse(between('apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: canary\nspec: {}\n'));
    expect(result.problems).toEqual([]);
    expect(result.objects.map((object) => object.kind)).toEqual(['Pod', 'Rollout', 'Pod']);
  });
});

describe('hostile input', () => {
  it('refuses a billion-laughs alias bomb quickly, at its document, and keeps the others', () => {
    let bomb = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (const label of 'bcdefghi') {
      bomb += `  ${label}: &${label} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = label;
    }
    const text = between(bomb);
    const started = performance.now();
    const result = parse(text);
    expect(performance.now() - started).toBeLessThan(2000);
    const problem = onlyProblem(result);
    expect(problem.message).toMatch(/alias bomb/);
    expect(problem.line).toBe(lineOf(text, 'apiVersion: v1\nkind: ConfigMap'));
    expect(names(result)).toEqual(['before', 'after']);
  });

  it('accepts the few aliases real manifests use', () => {
    const result = parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: anchors\n  labels: &labels {app: web}\n  annotations: *labels\n');
    expect(result.problems).toEqual([]);
    expect(result.objects[0].metadata.annotations).toEqual({ app: 'web' });
  });

  it('refuses 100,000 nested flow brackets at once, at their line, and keeps the other documents', () => {
    const text = between(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    const started = performance.now();
    const result = parse(text);
    expect(performance.now() - started).toBeLessThan(1000);
    const problem = onlyProblem(result);
    expect(problem.message).toMatch(/nests deeper than 200 levels/);
    expect(problem.line).toBe(lineOf(text, '  x: [[['));
    expect(names(result)).toEqual(['before', 'after']);
  });

  it('refuses deep block indentation and a line of 100,000 compact "- " at once', () => {
    const indented = Array.from({ length: 400 }, (_, level) => `${' '.repeat(level)}k:`).join('\n');
    for (const bad of [indented, `${'- '.repeat(100_000)}x`]) {
      const text = between(bad);
      const started = performance.now();
      const result = parse(text);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(onlyProblem(result).message).toMatch(/nests deeper than 200 levels/);
      expect(names(result)).toEqual(['before', 'after']);
    }
  });

  it('keeps the line numbers of later documents when a deep one is dropped', () => {
    const text = between(`x: ${'{a: '.repeat(300)}1${'}'.repeat(300)}\ny: 2`);
    const after = parse(text).objects.find((object) => object.metadata.name === 'after')!;
    expect(after.source.line).toBe(lineOf(text, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: after'));
  });

  it('does not mistake braces in scripts, templates and strings for nesting', () => {
    const braces = '{'.repeat(300);
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: scripts
  annotations:
    plain: echo ${braces}
    quoted: "${braces}"
data:
  script.sh: |
    ${braces}
    ${'['.repeat(300)}
  template: >-
    {{ ${braces}
`;
    const result = parse(text);
    expect(result.problems).toEqual([]);
    expect(names(result)).toEqual(['scripts']);
  });

  it('accepts nesting as deep as real CRDs have (150 levels)', () => {
    const result = parse(`apiVersion: example.com/v1\nkind: Deep\nmetadata: {name: deep}\nspec: ${'{a: '.repeat(150)}1${'}'.repeat(150)}\n`);
    expect(result.problems).toEqual([]);
    expect(names(result)).toEqual(['deep']);
  });

  it('refuses a binary file at the line of its first NUL byte', () => {
    const result = parse(`apiVersion: v1\nkind: Pod\n\u0000\u0001\u0002`, 'image.yaml');
    const problem = onlyProblem(result, 'image.yaml');
    expect(problem.message).toMatch(/binary file/);
    expect(problem.line).toBe(3);
    expect(problem.skipped).toBe('the whole file');
    expect(result.objects).toEqual([]);
  });
});

describe('empty input', () => {
  it('gives a notice for an empty file and for a file of only comments, and no error', () => {
    for (const [text, message] of [
      ['', /empty/],
      ['\n\n  \n', /empty/],
      ['# generated by a tool\n# nothing to deploy here\n', /only comments/],
      ['---\n# Source: chart/templates/empty.yaml\n---\n', /only comments or empty documents/],
    ] as const) {
      const result = parse(text);
      expect(result.objects).toEqual([]);
      expect(result.problems).toEqual([{ severity: 'notice', file: 'input.yaml', message: expect.stringMatching(message) }]);
    }
  });

  it('ignores a trailing --- and empty documents between objects', () => {
    const result = parse(`---\n${pod('a')}---\n---\n${pod('b')}---\n`);
    expect(result.problems).toEqual([]);
    expect(names(result)).toEqual(['a', 'b']);
  });
});

describe('good input', () => {
  it('reads multi-document YAML with each object at the line and column of its first key', () => {
    const text = `# comment\n${pod('a')}---\n\n${pod('b')}--- # trailing comment\n${pod('c')}`;
    const result = parse(text);
    expect(result.problems).toEqual([]);
    expect(result.objects.map((object) => [object.metadata.name, object.source.line, object.source.column, object.source.document])).toEqual([
      ['a', lineOf(text, 'apiVersion'), 1, 0],
      ['b', lineOf(text, 'apiVersion', text.indexOf('name: a')), 1, 1],
      ['c', lineOf(text, 'apiVersion', text.indexOf('name: b')), 1, 2],
    ]);
    expect(result.objects[0].metadata).toMatchObject({ name: 'a', namespace: 'shop' });
  });

  it('reads JSON, and YAML 1.1 scalars as Kubernetes does (yes/no booleans stay strings only when quoted)', () => {
    const json = parse(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j', labels: { tier: 'web' } } }, null, 2), 'pod.json');
    expect(json.problems).toEqual([]);
    expect(json.objects[0].metadata).toMatchObject({ name: 'j', labels: { tier: 'web' } });
    const yaml = parse('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: yes\n  hostPID: "yes"\n');
    expect(yaml.objects[0].raw.spec).toEqual({ hostNetwork: true, hostPID: 'yes' });
  });

  it('reads a List and a PodList (kubectl get -o yaml), each item at its own line', () => {
    for (const kind of ['List', 'PodList']) {
      const text = `apiVersion: v1\nkind: ${kind}\nmetadata:\n  resourceVersion: ""\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: one\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: two\n`;
      const result = parse(text);
      expect(result.problems).toEqual([]);
      expect(result.objects.map((object) => [object.metadata.name, object.source.line, object.source.column, object.source.pathInDocument])).toEqual([
        ['one', lineOf(text, '- apiVersion'), 3, ['items', 0]],
        ['two', lineOf(text, '- apiVersion', text.indexOf('name: one')), 3, ['items', 1]],
      ]);
    }
  });

  it('skips one bad item of a List and keeps the rest', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: one}\n- kind: Pod\n  metadata: {name: no-api}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: three}\n';
    const result = parse(text);
    expect(names(result)).toEqual(['one', 'three']);
    const problem = onlyProblem(result);
    expect(problem.line).toBe(lineOf(text, '- kind: Pod'));
    expect(problem.skipped).toBe('item 1 of the List in document 1');
  });

  it('takes the Helm template of each object from its "# Source:" comment', () => {
    const text = `---\n# Source: shop/templates/web.yaml\n${pod('web')}---\n# Source: shop/templates/db.yaml\n${pod('db')}---\n${pod('plain')}`;
    const result = parse(text);
    expect(result.objects.map((object) => [object.metadata.name, object.source.helmTemplate])).toEqual([
      ['web', 'shop/templates/web.yaml'],
      ['db', 'shop/templates/db.yaml'],
      ['plain', undefined],
    ]);
  });

  it('reads Windows line endings with the same lines', () => {
    const result = parse(`${pod('a')}---\n${pod('b')}`.replace(/\n/g, '\r\n'));
    expect(result.objects.map((object) => object.source.line)).toEqual([1, 11]);
  });
});

describe('Secrets', () => {
  const value = 'cGFzc3dvcmQtOTg3NjU0';
  const plain = 'hunter2-distinctive-plain';
  const secret = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","data":{"password":"${value}"},"kind":"Secret"}
    team: payments
type: Opaque
data:
  password: ${value}
stringData:
  api-token: ${plain}
binaryData:
  key.bin: ${value}
`;

  it('drops data, stringData, binaryData and the last-applied annotation at read; keeps the key names', () => {
    const result = parse(between(secret));
    const held = JSON.stringify(result.objects);
    expect(held).not.toContain(value);
    expect(held).not.toContain(plain);
    const read = result.objects.find((object) => object.kind === 'Secret')!;
    expect(read.secretKeys).toEqual(['api-token', 'key.bin', 'password']);
    expect(read.metadata.annotations).toEqual({ team: 'payments' });
    expect(read.raw.type).toBe('Opaque');
  });

  it('drops them from Secrets inside a List, and whatever the apiVersion says', () => {
    const list = `apiVersion: v1\nkind: SecretList\nitems:\n- ${secret.split('\n').join('\n  ').replace('apiVersion: v1', 'apiVersion: v2')}`;
    const result = parse(list);
    expect(result.objects).toHaveLength(1);
    expect(JSON.stringify(result.objects)).not.toContain(value);
    expect(JSON.stringify(result.objects)).not.toContain(plain);
  });

  it('leaves no value in the text kept for locating fields, even of a Secret that could not be read', () => {
    const unreadable = secret.replace('  name: db\n', '').replace('kind: Secret', 'kind: Secret\nkind: Secret');
    const missingName = secret.replace('  name: db\n', '');
    for (const text of [between(secret), between(unreadable), between(missingName), `${pod('a')}---\n${secret}  broken: [\n`]) {
      const kept = textToKeep(parse(text));
      expect(kept).not.toContain(value);
      expect(kept).not.toContain(plain);
      expect(kept.split('\n')).toHaveLength(text.split('\n').length);
    }
  });
});

describe('JSON values one after another', () => {
  const pod = (name: string): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' }, spec: { containers: [{ name: 'app', image: 'app:1' }] } });
  const list = (...items: unknown[]): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'List', items });

  it("reads jq's one object per line, each at its line", () => {
    const text = `${JSON.stringify(pod('a'))}\n${JSON.stringify(pod('b'))}\n  ${JSON.stringify(pod('c'))}\n`;
    const parsed = parseManifestText(text, 'pods.json');
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents).toBe(3);
    expect(parsed.objects.map((object) => [object.metadata.name, object.source.line, object.source.column, object.source.document])).toEqual([
      ['a', 1, 1, 0],
      ['b', 2, 1, 1],
      ['c', 3, 3, 2],
    ]);
    // The file is no YAML stream to walk: findings point at the object.
    expect(parsed.objects.every((object) => object.source.fieldsUnlocated === true)).toBe(true);
  });

  it('reads the Lists of a shell loop of kubectl get -o json, each item at its line', () => {
    const text = `${JSON.stringify(list(pod('a')), null, 4)}\n${JSON.stringify(list(pod('b'), pod('c')), null, 4)}\n`;
    const parsed = parseManifestText(text, 'dump.json');
    expect(parsed.problems).toEqual([]);
    const lines = text.split('\n');
    // An item's `{` is four lines above its name (apiVersion, kind, metadata between), in a 1-based count.
    const lineOf = (name: string): number => lines.findIndex((line) => line.includes(`"name": "${name}"`)) + 1 - 4;
    expect(parsed.objects.map((object) => [object.metadata.name, object.source.line, object.source.column])).toEqual([
      ['a', lineOf('a'), 9],
      ['b', lineOf('b'), 9],
      ['c', lineOf('c'), 9],
    ]);
    expect(lineOf('b')).toBeGreaterThan(20); // in the second List
  });

  it('is not misled by brackets and escaped quotes inside strings', () => {
    const tricky = { ...pod('a'), metadata: { name: 'a', namespace: 'shop', annotations: { note: 'a "quoted" } { ] [ \\ value' } } };
    const parsed = parseManifestText(`${JSON.stringify(tricky)}\n${JSON.stringify(pod('b'))}`, 'tricky.json');
    expect(parsed.problems).toEqual([]);
    expect(parsed.objects.map((object) => [object.metadata.name, object.source.line])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(parsed.objects[0].metadata.annotations.note).toBe('a "quoted" } { ] [ \\ value');
  });

  it('leaves one JSON value, and YAML, to the one-document reading', () => {
    expect(parseManifestText(JSON.stringify(pod('a')), 'one.json').objects[0].source.fieldsUnlocated).toBeUndefined();
    expect(parseManifestText('{apiVersion: v1, kind: Namespace, metadata: {name: a}}\n', 'flow.yaml').objects.map((object) => object.kind)).toEqual(['Namespace']);
  });

  it('blanks the Secret values of any of the values in the text it keeps', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' }, data: { password: 'c2VjcmV0LXZhbHVl' } };
    const parsed = parseManifestText(`${JSON.stringify(pod('a'))}\n${JSON.stringify(secret)}\n`, 'mixed.json');
    expect(parsed.objects.map((object) => object.kind)).toEqual(['Pod', 'Secret']);
    expect(textToKeep(parsed)).not.toContain('c2VjcmV0LXZhbHVl');
  });

  it('reports a value that does not parse where it is, as one document would be', () => {
    const parsed = parseManifestText(`${JSON.stringify(pod('a'))}\n{"apiVersion": "v1", "kind": "Pod",, }\n`, 'broken.json');
    expect(parsed.problems.map((problem) => [problem.severity, problem.message.startsWith('malformed JSON')])).toEqual([['error', true]]);
  });
});
