/**
 * What the CLI must never do, whatever the input: crash with a stack trace, let control characters from the input
 * reach the terminal, or print a secret value in any report format.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, FIXTURES, kubethreat, ROOT } from './run.js';

beforeAll(assertBuilt);

const goodPod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: survivor\n  namespace: shop\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';

/** Every kind of bad input the loader knows, in one folder, with a file name that carries control characters. */
function badInputs(withGoodPod: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-bad-'));
  let bomb = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (const [label, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) {
    bomb += `  ${label}: &${label} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
  }
  const files: Record<string, string | Buffer> = {
    'indentation.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n namespace: b\n',
    'unclosed.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n',
    'bad.json': '{"apiVersion": "v1", "kind": "Pod",, }',
    'scalar.yaml': 'hello world\n',
    'list.yaml': '- 1\n- 2\n',
    'no-kind.yaml': 'apiVersion: v1\nmetadata:\n  name: x\n',
    'no-name.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {}\n',
    'name-is-a-boolean.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: yes\n',
    'duplicate-key.yaml': 'apiVersion: v1\nkind: Pod\nkind: Pod\nmetadata:\n  name: x\n',
    'bomb.yaml': bomb,
    'deep-flow.yaml': `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    'deep-block.yaml': Array.from({ length: 300 }, (_, level) => `${' '.repeat(level)}k:`).join('\n'),
    'deep.json': `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"d"},"spec":${'['.repeat(5000)}${']'.repeat(5000)}}]}`,
    'nul.yaml': Buffer.from('apiVersion: v1\n\u0000\u0000'),
    'png.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    'empty.yaml': '',
    'comments.yaml': '# nothing\n',
    'trailing.yaml': '---\n---\n',
    'not-a-list.json': '{"kind": "List", "items": "nope"}',
    'evil\u001b[31mname\r.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [\n',
  };
  if (withGoodPod) {
    files['good.yaml'] = goodPod;
    files['crd.yaml'] = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: shop\nspec:\n  template: 42\n';
  }
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  mkdirSync(path.join(dir, 'loop'));
  symlinkSync('..', path.join(dir, 'loop', 'back'));
  symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
  if (withGoodPod) {
    // Unreadable, unless the tests run as root (as in CI), where chmod 000 does not stop reading.
    writeFileSync(path.join(dir, 'locked.yaml'), goodPod.replace('survivor', 'locked'));
    chmodSync(path.join(dir, 'locked.yaml'), 0o000);
  }
  return dir;
}

/** C0 and C1 control characters other than line feed, and DEL: none may come from the input to the terminal. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe.concurrent('bad input', () => {
  it('never ends in a stack trace: every bad file is reported, and the good one is analysed', async () => {
    const dir = badInputs(true);
    const [terminal, json] = await Promise.all([kubethreat(['scan', '.'], { cwd: dir }), kubethreat(['scan', '--format', 'json', '.'], { cwd: dir })]);
    for (const run of [terminal, json]) {
      expect([0, 1], run.stderr).toContain(run.code);
      expect(run.stdout + run.stderr).not.toContain('    at ');
      expect(run.stderr).not.toContain('internal error');
    }
    const report = JSON.parse(json.stdout) as { findings: Array<{ object: { name: string } }>; problems: Array<{ file: string; line?: number; message: string }> };
    expect(report.findings.map((finding) => finding.object.name)).toContain('survivor');
    const reported = new Set(report.problems.map((problem) => problem.file.replace(/^\.\//, '')));
    for (const file of ['indentation.yaml', 'unclosed.yaml', 'bad.json', 'scalar.yaml', 'list.yaml', 'no-kind.yaml', 'no-name.yaml', 'name-is-a-boolean.yaml', 'duplicate-key.yaml', 'bomb.yaml', 'deep-flow.yaml', 'deep-block.yaml', 'deep.json', 'nul.yaml', 'png.yaml', 'empty.yaml', 'comments.yaml', 'not-a-list.json', 'self.yaml']) {
      expect(reported, file).toContain(file);
    }
    expect(terminal.stdout).toContain('Skipped or not analysed');
    // The hostile file name is escaped in the terminal report and in the problems printed to stderr.
    expect(terminal.stdout).toContain('evil\\u001b[31mname\\u000d.yaml');
    expect(json.stderr).toContain('evil\\u001b[31mname\\u000d.yaml');
    expect(terminal.stdout).not.toMatch(CONTROL);
    expect(json.stderr).not.toMatch(CONTROL);
  });

  it('exits 2 with the reasons, and no stack trace, when nothing in it is readable', async () => {
    const run = await kubethreat(['scan', '.'], { cwd: badInputs(false) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^kubethreat: no Kubernetes objects could be read from \.:\n/);
    expect(run.stderr).toMatch(/\n {2}bomb\.yaml:1:1: error: too many YAML aliases/);
    expect(run.stderr).toMatch(/\n {2}deep-flow\.yaml:1: error: the text nests deeper than 200 levels here/);
    expect(run.stderr).toMatch(/\n {2}evil\\u001b\[31mname\\u000d\.yaml:4:1: error: malformed YAML/);
    expect(run.stderr).not.toContain('    at ');
    expect(run.stderr).not.toMatch(CONTROL);
  });
});

describe.concurrent('hostile object names', () => {
  it('reach the terminal escaped, never as control sequences, with and without colour', async () => {
    const [plain, coloured, json] = await Promise.all([
      kubethreat(['scan', `${FIXTURES}/hostile-names.yaml`]),
      kubethreat(['scan', '--color', `${FIXTURES}/hostile-names.yaml`]),
      kubethreat(['scan', '--format', 'json', `${FIXTURES}/hostile-names.yaml`]),
    ]);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('evil\\u001b[31mred\\u000dovertyped\\u001b]0;title\\u0007');
    expect(plain.stdout).toContain('box\\u001b[41m\\u000d');
    expect(plain.stdout).toContain('\\u009b2J\\u202eright-to-left');
    expect(plain.stdout + plain.stderr).not.toMatch(CONTROL);
    expect(plain.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    // JSON keeps the name as it is, escaped in the text: a report printed to a terminal is just as safe.
    const report = JSON.parse(json.stdout) as { findings: Array<{ object: { kind: string; name: string } }> };
    expect(report.findings.find((finding) => finding.object.kind === 'Pod')?.object.name).toBe('evil\u001b[31mred\rovertyped\u001b]0;title\u0007\u009b2J\u202eright-to-left');
    expect(json.stdout).not.toMatch(CONTROL);
    expect(json.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    // With colour the report has its own escape sequences, but none of the input's.
    expect(coloured.stdout).toContain('\u001b[');
    for (const hostile of ['evil\u001b[31mred', '\r', '\u0007', '\u001b]0;', '\u001b[2J', '\u001b[5m', 'box\u001b[41m', '\u001b[0m:latest']) {
      expect(coloured.stdout).not.toContain(hostile);
    }
  });
});

describe.concurrent('secret values', () => {
  const values = ['Zebra-Quartz-7731-secret', 'WmVicmEtUXVhcnR6LTc3MzEtc2VjcmV0', 'Walrus-Velvet-4402-literal'];
  const formats = ['terminal', 'json', 'sarif', 'html', 'markdown', 'junit', 'dot', 'svg'];

  it('appear in no report format, while the evidence around them is reported', async () => {
    const manifest = readFileSync(path.join(ROOT, FIXTURES, 'secrets.yaml'), 'utf8');
    for (const value of values) expect(manifest).toContain(value); // the fixture does hold them
    const runs = await Promise.all(formats.map((format) => kubethreat(['scan', '--format', format, `${FIXTURES}/secrets.yaml`])));
    runs.forEach((run, index) => {
      expect([0, 1], `${formats[index]}: ${run.stderr}`).toContain(run.code);
      expect(run.stdout.length, formats[index]).toBeGreaterThan(0);
      for (const value of values) {
        expect(run.stdout, `${formats[index]} prints ${value}`).not.toContain(value);
        expect(run.stderr, `${formats[index]} prints ${value}`).not.toContain(value);
      }
    });
    const json = runs[formats.indexOf('json')].stdout;
    expect(json).toContain('DB_PASSWORD'); // the literal password is reported by its variable, not its value
    expect(json).toContain('db-credentials');
  });

  it('do not reach the output from standard input either', async () => {
    const run = await kubethreat(['scan', '--format', 'json', '-'], { stdin: readFileSync(path.join(ROOT, FIXTURES, 'secrets.yaml'), 'utf8') });
    for (const value of values) expect(run.stdout + run.stderr).not.toContain(value);
  });
});
