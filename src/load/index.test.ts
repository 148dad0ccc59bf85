import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs, type LoadResult } from './index.js';
import type { InputProblem } from './problems.js';
import { buildEstate } from '../model/estate.js';

const pod = (name: string, namespace = 'shop'): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      runAsNonRoot: true
`;

/** A fresh folder with the given files (relative path → text or bytes). */
function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-load-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const names = (result: LoadResult): string[] => result.objects.map((object) => object.metadata.name).sort();

function problemAbout(result: LoadResult, file: string): InputProblem {
  const found = result.problems.filter((problem) => problem.file === file);
  expect(found, `one problem about ${file} in ${JSON.stringify(result.problems)}`).toHaveLength(1);
  return found[0];
}

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]);

describe('files and folders', () => {
  it('reads a folder recursively (.yaml, .yml, .json; not other files, hidden folders or node_modules), in a stable order', async () => {
    const dir = folder({
      'b.yaml': pod('b'),
      'a/c.yml': pod('c'),
      'a/d.JSON': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'd', namespace: 'shop' } }),
      'README.md': pod('readme'),
      '.git/config.yaml': pod('hidden'),
      'node_modules/x/pod.yaml': pod('dependency'),
    });
    const result = await loadInputs(['.'], { cwd: dir });
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual([path.join('a', 'c.yml'), path.join('a', 'd.JSON'), 'b.yaml']);
    expect(names(result)).toEqual(['b', 'c', 'd']);
  });

  it('names files relative to where the user ran it, and absolute outside it', async () => {
    const dir = folder({ 'pod.yaml': pod('a') });
    const inside = await loadInputs(['pod.yaml'], { cwd: dir });
    expect(inside.objects[0].source.file).toBe('pod.yaml');
    const outside = await loadInputs([path.join(dir, 'pod.yaml')], { cwd: path.join(dir, 'elsewhere') });
    expect(outside.objects[0].source.file).toBe(path.join(dir, 'pod.yaml'));
  });

  it('reports a path that does not exist, and still reads the others', async () => {
    const dir = folder({ 'pod.yaml': pod('a') });
    const result = await loadInputs(['missing.yaml', 'pod.yaml'], { cwd: dir });
    expect(names(result)).toEqual(['a']);
    const problem = problemAbout(result, 'missing.yaml');
    expect(problem).toMatchObject({ severity: 'error', message: 'cannot be read: no such file or folder', skipped: 'this path' });
    expect(problem.hint).toMatch(/check the path/);
  });

  it('reports a file and a folder it may not read (or reads them, when running as root, where chmod 000 does not stop reading)', async () => {
    const dir = folder({ 'locked.yaml': pod('locked'), 'closed/inner.yaml': pod('inner'), 'open.yaml': pod('open') });
    chmodSync(path.join(dir, 'locked.yaml'), 0o000);
    chmodSync(path.join(dir, 'closed'), 0o000);
    let readableAnyway: boolean;
    try {
      readFileSync(path.join(dir, 'locked.yaml'));
      readableAnyway = true;
    } catch {
      readableAnyway = false;
    }
    const result = await loadInputs(['.'], { cwd: dir });
    chmodSync(path.join(dir, 'closed'), 0o755);
    if (readableAnyway) {
      expect(names(result)).toEqual(['inner', 'locked', 'open']);
      expect(result.problems).toEqual([]);
    } else {
      expect(names(result)).toEqual(['open']);
      expect(problemAbout(result, 'locked.yaml')).toMatchObject({ severity: 'error', message: 'cannot be read: permission denied', skipped: 'the whole file' });
      expect(problemAbout(result, 'closed')).toMatchObject({ severity: 'error', message: 'cannot be read: permission denied', skipped: 'this folder' });
    }
  });

  it('survives symbolic link loops: a link back to a parent folder, and links that point at each other', async () => {
    const dir = folder({ 'manifests/pod.yaml': pod('a') });
    symlinkSync('..', path.join(dir, 'manifests', 'parent'));
    symlinkSync('second.yaml', path.join(dir, 'manifests', 'first.yaml'));
    symlinkSync('first.yaml', path.join(dir, 'manifests', 'second.yaml'));
    const result = await loadInputs(['.'], { cwd: dir });
    expect(names(result)).toEqual(['a']);
    expect(result.problems.map((problem) => [problem.file, problem.severity, problem.message])).toEqual([
      [path.join('manifests', 'first.yaml'), 'warning', 'a symbolic link that loops back on itself'],
      [path.join('manifests', 'second.yaml'), 'warning', 'a symbolic link that loops back on itself'],
    ]);
  });

  it('reads a file once when it is named twice or reached through a link', async () => {
    const dir = folder({ 'pods/pod.yaml': pod('a') });
    symlinkSync(path.join(dir, 'pods', 'pod.yaml'), path.join(dir, 'link.yaml'));
    const result = await loadInputs(['pods/pod.yaml', 'pods', 'link.yaml', '.'], { cwd: dir });
    expect(names(result)).toEqual(['a']);
    expect(buildEstate(result.objects).problems).toEqual([]);
  });

  it('warns about a folder that holds no manifest', async () => {
    const dir = folder({ 'docs/README.md': '# nothing', 'pod.yaml': pod('a') });
    const result = await loadInputs(['docs', 'pod.yaml'], { cwd: dir });
    expect(problemAbout(result, 'docs')).toMatchObject({ severity: 'warning', message: 'this folder holds no .yaml, .yml or .json file' });
  });

  it('gives notices for an empty file and a file of only comments, and reads the rest', async () => {
    const dir = folder({ 'empty.yaml': '', 'comments.yaml': '# nothing here yet\n', 'trailing.yaml': `${pod('a')}---\n` });
    const result = await loadInputs(['.'], { cwd: dir });
    expect(names(result)).toEqual(['a']);
    expect(problemAbout(result, 'empty.yaml')).toMatchObject({ severity: 'notice', message: 'the file is empty' });
    expect(problemAbout(result, 'comments.yaml').severity).toBe('notice');
    expect(result.problems).toHaveLength(2);
  });
});

describe('files that are not manifests', () => {
  it('refuses binary files (NUL bytes, a PNG named .yaml, a PNG named on the command line) and reads the rest', async () => {
    const dir = folder({ 'pod.yaml': pod('a'), 'blob.yaml': Buffer.from('kind: Pod\n\u0000\u0000\u0001'), 'logo.yaml': PNG_HEADER, 'logo.png': PNG_HEADER });
    const result = await loadInputs(['.', 'logo.png'], { cwd: dir });
    expect(names(result)).toEqual(['a']);
    for (const [file, line] of [['blob.yaml', 2], ['logo.yaml', 3], ['logo.png', 3]] as const) {
      const problem = problemAbout(result, file);
      expect(problem).toMatchObject({ severity: 'error', line, skipped: 'the whole file' });
      expect(problem.message).toMatch(/binary file/);
      expect(problem.hint).toBeTruthy();
    }
  });

  it('refuses a file over the size limit, saying its size, and reads the rest', async () => {
    const dir = folder({ 'big.yaml': `${pod('big')}${'# padding\n'.repeat(200)}`, 'small.yaml': pod('small') });
    const result = await loadInputs(['.'], { cwd: dir, maxFileBytes: 1024 });
    expect(names(result)).toEqual(['small']);
    const problem = problemAbout(result, 'big.yaml');
    expect(problem.message).toMatch(/^the file is 2(\.\d)? KiB, over the 1 KiB limit/);
    expect(problem).toMatchObject({ severity: 'error', skipped: 'the whole file' });
    expect(problem.hint).toBeTruthy();
  });

  it('reports malformed JSON at its line, and reads the other files', async () => {
    const dir = folder({ 'bad.json': '{\n  "apiVersion": "v1",\n  "kind": "Pod",,\n}\n', 'pod.yaml': pod('a') });
    const result = await loadInputs(['.'], { cwd: dir });
    expect(names(result)).toEqual(['a']);
    expect(problemAbout(result, 'bad.json')).toMatchObject({ line: 3, message: expect.stringMatching(/^malformed JSON: /) });
  });

  it('reads text that Windows tools write: UTF-16 with a byte-order mark, and UTF-8 with one', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pod('wide').replace(/\n/g, '\r\n'), 'utf16le')]);
    const dir = folder({ 'powershell.yaml': utf16, 'notepad.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pod('bom'))]) });
    const result = await loadInputs(['.'], { cwd: dir });
    expect(result.problems).toEqual([]);
    expect(result.objects.map((object) => [object.metadata.name, object.source.line, object.source.column]).sort()).toEqual([
      ['bom', 1, 1],
      ['wide', 1, 1],
    ]);
  });
});

describe('standard input', () => {
  it('reads - as <stdin>, with the other paths', async () => {
    const dir = folder({ 'pod.yaml': pod('file') });
    const result = await loadInputs(['-', 'pod.yaml'], { cwd: dir, readStdin: async () => `${pod('piped')}---\n${pod('also-piped')}` });
    expect(result.files).toEqual(['<stdin>', 'pod.yaml']);
    expect(result.objects.filter((object) => object.source.file === '<stdin>').map((object) => [object.metadata.name, object.source.line])).toEqual([
      ['piped', 1],
      ['also-piped', 13],
    ]);
  });

  it('refuses standard input over the size limit', async () => {
    const result = await loadInputs(['-'], { cwd: tmpdir(), readStdin: async () => pod('x').repeat(100), maxFileBytes: 1000 });
    expect(result.objects).toEqual([]);
    expect(problemAbout(result, '<stdin>').message).toMatch(/over the 1000 bytes limit/);
  });
});

describe('kubectl dumps', () => {
  const podList = (items: unknown[]): string => JSON.stringify({ apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '1' }, items }, null, 2);
  const item = (name: string): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' }, spec: { containers: [{ name: 'app', image: 'nginx', securityContext: { privileged: true } }] } });

  it('reads a JSON PodList with each item at its own line, and locates fields inside items', async () => {
    const text = podList([item('one'), item('two')]);
    const dir = folder({ 'pods.json': text });
    const result = await loadInputs(['pods.json'], { cwd: dir });
    expect(result.problems).toEqual([]);
    const lines = text.split('\n');
    for (const object of result.objects) {
      expect(lines[object.source.line - 1].slice(object.source.column - 1)).toBe('{');
      expect(lines[object.source.line + 3]).toContain(`"name": "${object.metadata.name}"`);
      const privileged = result.locator.locate(object.source, ['spec', 'containers', 0, 'securityContext', 'privileged']);
      expect(lines[privileged.line - 1].slice(privileged.column - 1)).toBe('"privileged": true');
    }
    expect(result.objects[0].source.line).not.toBe(result.objects[1].source.line);
  });

  it('skips items that are not objects or nest absurdly deep, and keeps the rest', async () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 300; level++) deep = [deep];
    const text = podList([item('one'), 'not an object', { ...item('deep'), spec: { x: deep } }, item('four')]);
    const dir = folder({ 'pods.json': text });
    const result = await loadInputs(['pods.json'], { cwd: dir });
    expect(names(result)).toEqual(['four', 'one']);
    expect(result.problems.map((problem) => [problem.line, problem.skipped, problem.message])).toEqual([
      [text.split('\n').findIndex((line) => line.includes('"not an object"')) + 1, 'item 1 of the List', 'not a Kubernetes object (found a string)'],
      [expect.any(Number), 'item 2 of the List', 'Pod deep nests deeper than 200 levels; no Kubernetes object does'],
    ]);
  });
});

describe('what the model makes of the loaded objects', () => {
  it('reports a duplicate object with both places, and analyses the first copy', async () => {
    const dir = folder({ 'a.yaml': pod('web'), 'b.yaml': `${pod('other')}---\n${pod('web')}` });
    const result = await loadInputs(['.'], { cwd: dir });
    const estate = buildEstate(result.objects);
    expect(estate.objects.map((object) => `${object.metadata.name}@${object.source.file}`)).toEqual(['web@a.yaml', 'other@b.yaml']);
    expect(estate.problems).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'b.yaml', line: 13, message: 'duplicate object Pod/shop/web, first defined at a.yaml:1' }),
    ]);
  });

  it('keeps unknown kinds and CRDs, with one notice per kind', async () => {
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec: {}\n';
    const widget = (name: string): string => `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: ${name}\n  namespace: shop\n`;
    const dir = folder({ 'crd.yaml': `${crd}---\n${widget('a')}---\n${widget('b')}`, 'pod.yaml': pod('p') });
    const result = await loadInputs(['.'], { cwd: dir });
    const estate = buildEstate(result.objects);
    expect(estate.objects.map((object) => object.kind).sort()).toEqual(['CustomResourceDefinition', 'Pod', 'Widget', 'Widget']);
    const notices = estate.problems.filter((problem) => problem.severity === 'notice');
    expect(notices.map((problem) => [problem.file, problem.line])).toContainEqual(['crd.yaml', 7]);
    expect(notices.filter((problem) => problem.message.includes('Widget'))).toHaveLength(1);
  });
});

describe('field locations', () => {
  const text = `# Source: shop/templates/web.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
      - name: sidecar
        image: envoy:1.30
        securityContext:
          privileged: true
`;
  const lineOf = (needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

  it('gives the exact line and column of a nested field, with the Helm template', async () => {
    const dir = folder({ 'rendered.yaml': text });
    const result = await loadInputs(['rendered.yaml'], { cwd: dir });
    const deployment = result.objects[0];
    expect(deployment.source).toMatchObject({ line: 2, column: 1, helmTemplate: 'shop/templates/web.yaml' });
    expect(result.locator.locate(deployment.source, ['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'privileged'])).toEqual({
      file: 'rendered.yaml',
      line: lineOf('privileged'),
      column: 11,
      helmTemplate: 'shop/templates/web.yaml',
    });
    expect(result.locator.locate(deployment.source, ['spec', 'template', 'spec', 'containers', 1])).toMatchObject({ line: lineOf('name: sidecar'), column: 9 });
  });

  it('gives the deepest existing parent of a missing field', async () => {
    const dir = folder({ 'rendered.yaml': text });
    const result = await loadInputs(['rendered.yaml'], { cwd: dir });
    const deployment = result.objects[0];
    expect(result.locator.locate(deployment.source, ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'readOnlyRootFilesystem'])).toMatchObject({
      line: lineOf('name: app'),
      column: 9,
    });
    expect(result.locator.locate(deployment.source, ['spec', 'template', 'spec', 'hostNetwork'])).toMatchObject({ line: lineOf('    spec:'), column: 5 });
  });
});
