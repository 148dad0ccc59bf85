/**
 * Ground truth from other projects: every `network_policy_missing` label in ../shared/corpora (kubescape
 * regolibrary, kube-linter). The label means "no network policy selects this workload's pods"; both sources count
 * a policy for either direction, and kubescape also counts Cilium policies, whose selection we compute.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from './index.js';
import { objectsFromYaml } from './test-objects.js';

const corporaRoot = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));
const CONCEPT = 'network_policy_missing';

interface Label {
  folder: string;
  file: string;
  object: string;
  expected: 'pass' | 'fail';
  sourceCheck: string;
  unit: string[];
}

function labels(): Label[] {
  const out: Label[] = [];
  for (const folder of readdirSync(corporaRoot).sort()) {
    const tsv = join(corporaRoot, folder, 'LABELS.tsv');
    if (!existsSync(tsv)) continue;
    const [header, ...rows] = readFileSync(tsv, 'utf8').split('\n').filter((line) => line.trim() !== '');
    const column = (name: string) => header.split('\t').indexOf(name);
    for (const row of rows) {
      const cells = row.split('\t');
      if (cells[column('concept')] !== CONCEPT) continue;
      out.push({
        folder,
        file: cells[column('file')],
        object: cells[column('object')],
        expected: cells[column('expected')] as 'pass' | 'fail',
        sourceCheck: cells[column('source_check')],
        unit: cells[column('unit')].split(';').filter((path) => path !== ''),
      });
    }
  }
  return out;
}

function manifestsOf(folder: string, unit: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    else if (/\.(ya?ml|json)$/.test(path)) files.push(path);
  };
  for (const path of unit) walk(join(corporaRoot, folder, path));
  return files;
}

/** Our answer: is no policy (NetworkPolicy in either direction, or Cilium) selecting the object's pods? */
function verdictFor(label: Label): 'pass' | 'fail' {
  const objects = manifestsOf(label.folder, label.unit).flatMap((file) => objectsFromYaml(readFileSync(file, 'utf8'), file));
  const network = analyzeNetwork(objects);
  const [kind, namespace, name] = label.object.split('/');
  const group = network.groups.find((candidate) => candidate.owner.kind === kind && candidate.owner.name === name && (namespace === '' || candidate.namespace === namespace));
  if (group === undefined) throw new Error(`${label.file}: no pod group for ${label.object}`);
  const isolation = network.isolationOf(group);
  const selected = isolation.ingress.length + isolation.egress.length + isolation.cilium.length > 0;
  return selected ? 'pass' : 'fail';
}

describe(`${CONCEPT} labels of ../shared/corpora`, () => {
  const all = labels();

  it('are present (the corpora sit beside the repository)', () => {
    expect(all.length).toBeGreaterThanOrEqual(35);
    expect(all.some((label) => label.expected === 'pass') && all.some((label) => label.expected === 'fail')).toBe(true);
  });

  it.each(all.map((label) => [`${label.folder}: ${label.object} in ${label.unit.join(';')}`, label] as const))('%s', (_, label) => {
    expect(verdictFor(label)).toBe(label.expected);
  });
});
