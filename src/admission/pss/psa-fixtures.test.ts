/**
 * The proof: every fixture of the official Pod Security Admission test data (kubernetes/pod-security-admission,
 * test/testdata/<level>/<version>/<pass|fail>/*.yaml) gets PSA's verdict. The corpus sits beside the repository
 * (../shared/corpora), in CI as on a workstation; the test fails, rather than skips, when it is missing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { asRecord, asStringMap } from '../../model/json.js';
import { checkPod, parsePssVersion, PSS_CONTROLS, type PodInput, type PssControlId, type PssVersion } from './index.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = join(repositoryRoot, '../shared/corpora/pod-security-admission');
const testdata = join(corpus, 'test/testdata');

interface Fixture {
  file: string;
  level: 'baseline' | 'restricted';
  version: PssVersion;
  expected: 'pass' | 'fail';
  pod: PodInput;
}

function loadFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const level of ['baseline', 'restricted'] as const) {
    for (const versionFolder of readdirSync(join(testdata, level)).sort()) {
      const version = parsePssVersion(versionFolder);
      if (version === undefined) throw new Error(`unexpected version folder ${level}/${versionFolder}`);
      for (const expected of ['pass', 'fail'] as const) {
        const folder = join(testdata, level, versionFolder, expected);
        if (!existsSync(folder)) continue;
        for (const name of readdirSync(folder).filter((file) => file.endsWith('.yaml')).sort()) {
          const raw = asRecord(parse(readFileSync(join(folder, name), 'utf8')));
          const metadata = asRecord(raw?.metadata);
          fixtures.push({
            file: `test/testdata/${level}/${versionFolder}/${expected}/${name}`,
            level,
            version,
            expected,
            pod: { metadata: { annotations: asStringMap(metadata?.annotations) }, spec: asRecord(raw?.spec) ?? {} },
          });
        }
      }
    }
  }
  return fixtures;
}

/** PSA names fail fixtures after the check under test, lowercased; at restricted an overriding check may refuse it instead. */
function controlsThatMayRefuse(fixtureName: string): PssControlId[] {
  const checkId = fixtureName.replace(/\d+\.yaml$/, '');
  return PSS_CONTROLS.filter((control) => control.id.toLowerCase() === checkId || control.overrides?.toLowerCase() === checkId).map(
    (control) => control.id,
  );
}

describe('official Pod Security Admission fixtures', () => {
  it('finds the corpus beside the repository', () => {
    expect(existsSync(testdata), `missing ${testdata}`).toBe(true);
  });

  const fixtures = existsSync(testdata) ? loadFixtures() : [];

  it('agrees with every label in LABELS.tsv about which fixtures must pass or fail', () => {
    const rows = readFileSync(join(corpus, 'LABELS.tsv'), 'utf8').trim().split('\n').slice(1);
    const expectedByFile = new Map(fixtures.map((fixture) => [fixture.file, fixture.expected]));
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const [file, , , expected] = row.split('\t');
      expect(expectedByFile.get(file), file).toBe(expected);
    }
    expect(new Set(rows.map((row) => row.split('\t')[0])).size).toBe(fixtures.length);
  });

  it.each(fixtures.filter((fixture) => fixture.expected === 'pass').map((fixture) => [fixture.file, fixture] as const))(
    'admits %s',
    (_file, fixture) => {
      expect(checkPod(fixture.pod, fixture.level, fixture.version)).toEqual([]);
    },
  );

  it.each(fixtures.filter((fixture) => fixture.expected === 'fail').map((fixture) => [fixture.file, fixture] as const))(
    'refuses %s, for the check under test',
    (file, fixture) => {
      const refusedBy = new Set(checkPod(fixture.pod, fixture.level, fixture.version).map((violation) => violation.control));
      const expectedControls = controlsThatMayRefuse(file.split('/').pop() ?? '');
      expect(expectedControls.length, `no control matches ${file}`).toBeGreaterThan(0);
      expect(expectedControls.some((control) => refusedBy.has(control)), `refused by ${[...refusedBy].join(', ')}`).toBe(true);
    },
  );
});
