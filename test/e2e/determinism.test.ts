/** Same input, same output: byte for byte apart from the timestamp, and fingerprints that survive reformatting. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, FIXTURES, kubethreat, ROOT, type JsonReport } from './run.js';

beforeAll(assertBuilt);

const MANIFESTS = ['privileged.yaml', 'writable.yaml', 'helm-rendered.yaml', 'secrets.yaml', 'no-namespace.yaml', 'hardened.yaml'];

const withoutTimestamp = (json: string): string => json.replace(/^ {2}"generatedAt": "[^"]*",\n/m, '');

/** Every mapping with its keys in reverse order; sequences keep their order (it means something in Kubernetes). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, entry]) => [key, reverseKeys(entry)]),
    );
  }
  return value;
}

/** The fixtures rewritten: other file names in another folder, keys reversed, indented by 4 (YAML) or in one JSON List. */
function reformatted(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-reformatted-'));
  mkdirSync(path.join(dir, 'moved'));
  const listItems: unknown[] = [];
  MANIFESTS.forEach((name, index) => {
    const documents = parseAllDocuments(readFileSync(path.join(ROOT, FIXTURES, name), 'utf8'), { version: '1.1' }).map((document) => reverseKeys(document.toJS()));
    if (index % 2 === 1) {
      listItems.push(...documents);
      return;
    }
    const text = documents.map((document) => stringify(document, { indent: 4, indentSeq: false })).join('---\n');
    writeFileSync(path.join(dir, 'moved', `renamed-${index}.yml`), `# reformatted\n\n${text}`);
  });
  writeFileSync(path.join(dir, 'moved', 'dump.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: listItems }));
  return dir;
}

describe.concurrent('determinism', () => {
  it('two runs of --format json over the same input are byte-identical apart from generatedAt', async () => {
    const args = ['scan', '--format', 'json', ...MANIFESTS.map((name) => `${FIXTURES}/${name}`), 'test/fixtures/kustomize', `${FIXTURES}/mixed.yaml`];
    const [first, second] = await Promise.all([kubethreat(args), kubethreat(args)]);
    expect(first.stdout.length).toBeGreaterThan(1000);
    expect(first.stdout).toMatch(/^ {2}"generatedAt": "/m);
    expect(withoutTimestamp(second.stdout)).toBe(withoutTimestamp(first.stdout));
  });

  it('fingerprints stay the same when the manifests are reindented, their keys reordered, and moved to other files', async () => {
    const dir = reformatted();
    const [original, moved] = await Promise.all([
      kubethreat(['scan', '--format', 'json', ...MANIFESTS.map((name) => `${FIXTURES}/${name}`)]),
      kubethreat(['scan', '--format', 'json', 'moved'], { cwd: dir }),
    ]);
    const before = JSON.parse(original.stdout) as JsonReport;
    const after = JSON.parse(moved.stdout) as JsonReport;
    expect(after.problems).toEqual([]);
    const files = new Set(after.findings.map((finding) => finding.location.file).filter((file) => file !== '(the estate as a whole)'));
    expect(files).toEqual(new Set(['moved/dump.json', 'moved/renamed-0.yml', 'moved/renamed-2.yml', 'moved/renamed-4.yml']));
    expect(before.findings.length).toBeGreaterThan(20);
    const fingerprints = (report: JsonReport): string[] => report.findings.map((finding) => finding.fingerprint).sort();
    expect(fingerprints(after)).toEqual(fingerprints(before));
    // The locations did move: the fingerprints hold although every finding is found somewhere else.
    const where = (report: JsonReport): string[] => report.findings.map((finding) => `${finding.location.file}:${finding.location.line}`).sort();
    expect(where(after)).not.toEqual(where(before));
  });
});
