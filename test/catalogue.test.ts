/** The catalogue as a whole: registry = folders, metadata complete, fixtures fire and don't, docs current. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, RULE_LIST } from '../src/rules/index.js';
import { BOUNDARIES, SEVERITIES, STRIDE } from '../src/taxonomy/index.js';
import { analyzeText } from '../src/testing/scan-text.js';
import { parseManifestText } from '../src/load/parse-text.js';
import { objectKey, objectRef } from '../src/model/object.js';
import { rulePage, ruleIndexPage } from '../src/docs/rule-page.js';
import { fixText } from '../src/fix/index.js';

const RULES_DIR = path.resolve(__dirname, '../src/rules');
const DOCS_DIR = path.resolve(__dirname, '../docs/rules');
const CONTEXT_ANNOTATION = 'fixture.kubethreat.io/role';

const fixture = (id: string, name: string): string | undefined => {
  const file = path.join(RULES_DIR, id, 'fixtures', `${name}.yaml`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

describe('rule registry', () => {
  it('lists exactly the rule folders, sorted by id', () => {
    const folders = readdirSync(RULES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(RULES_DIR, entry.name, 'rule.ts')))
      .map((entry) => entry.name)
      .sort();
    expect(Object.keys(RULES)).toEqual(folders);
    for (const [id, rule] of Object.entries(RULES)) expect(rule.id).toBe(id);
  });
});

describe.each(RULE_LIST.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  it('has complete metadata', () => {
    expect(rule.title.length).toBeGreaterThan(5);
    expect(rule.rationale.length).toBeGreaterThan(30);
    expect(rule.remediation.length).toBeGreaterThan(10);
    expect(BOUNDARIES).toContain(rule.boundary);
    expect(SEVERITIES).toContain(rule.severity);
    for (const category of rule.stride) expect(STRIDE).toContain(category);
    const references = Object.values(rule.references).flat().filter(Boolean);
    expect(references.length).toBeGreaterThan(0);
    for (const message of Object.values(rule.messages)) expect(message).toMatch(/\S/);
  });

  it('fires on every object of fixtures/fires.yaml', () => {
    const text = fixture(id, 'fires');
    expect(text, `src/rules/${id}/fixtures/fires.yaml is missing`).toBeDefined();
    const model = analyzeText(text!, { onlyRules: [id] }, `${id}/fires.yaml`);
    expect(model.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const fired = new Set(model.findings.map((finding) => objectKey(finding.object)));
    const expected = parseManifestText(text!, 'fires.yaml')
      .objects.filter((object) => object.metadata.annotations[CONTEXT_ANNOTATION] !== 'context')
      .map((object) => objectKey({ ...objectRef(object), namespace: object.metadata.namespace ?? (isClusterScopedKind(object.kind) ? undefined : 'default') }));
    // Rules about what the estate lacks report on the cluster as a whole: then every object is context.
    expect(model.findings.length).toBeGreaterThan(0);
    for (const key of expected) expect(fired, `${key} should fire`).toContain(key);
  });

  it('does not fire on fixtures/dont-fire.yaml', () => {
    const text = fixture(id, 'dont-fire');
    expect(text, `src/rules/${id}/fixtures/dont-fire.yaml is missing`).toBeDefined();
    const model = analyzeText(text!, { onlyRules: [id] }, `${id}/dont-fire.yaml`);
    expect(model.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(model.findings.map((finding) => finding.message)).toEqual([]);
  });

  it('has an up-to-date docs page (npm run docs)', () => {
    const page = path.join(DOCS_DIR, `${id}.md`);
    expect(existsSync(page), `docs/rules/${id}.md is missing: run npm run docs`).toBe(true);
    expect(readFileSync(page, 'utf8')).toBe(rulePage(rule, { fires: fixture(id, 'fires'), dontFire: fixture(id, 'dont-fire') }));
  });
});

// ESLint's RuleTester for fixes: the fixed output is written down, and it must scan clean.
describe.each(RULE_LIST.filter((rule) => rule.fix !== undefined).map((rule) => [rule.id] as const))('fixable rule %s', (id) => {
  it('fixing fixtures/fires.yaml gives fixtures/fixed.yaml, suggestions included', () => {
    const fixed = fixture(id, 'fixed');
    expect(fixed, `src/rules/${id}/fixtures/fixed.yaml is missing`).toBeDefined();
    expect(fixText(fixture(id, 'fires')!, `${id}/fires.yaml`, [id])).toBe(fixed);
  });

  it('fixtures/fixed.yaml scans clean for the rule, and fixing it again changes nothing', () => {
    const fixed = fixture(id, 'fixed')!;
    const model = analyzeText(fixed, { onlyRules: [id] }, `${id}/fixed.yaml`);
    expect(model.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(model.findings.map((finding) => finding.message)).toEqual([]);
    expect(fixText(fixed, `${id}/fixed.yaml`, [id])).toBe(fixed);
  });
});

it('only rules that declare a fix have a fixed.yaml', () => {
  const stale = RULE_LIST.filter((rule) => rule.fix === undefined && fixture(rule.id, 'fixed') !== undefined).map((rule) => rule.id);
  expect(stale).toEqual([]);
});

it('the docs index lists every rule (npm run docs)', () => {
  expect(readFileSync(path.join(DOCS_DIR, 'README.md'), 'utf8')).toBe(ruleIndexPage(RULE_LIST));
});

function isClusterScopedKind(kind: string): boolean {
  return ['ClusterRole', 'ClusterRoleBinding', 'Namespace', 'Node', 'PersistentVolume'].includes(kind);
}
