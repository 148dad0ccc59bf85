import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defineRule, type Rule } from '../rules/define-rule.js';
import { asRecord, asString } from '../model/json.js';
import { coverageOf, parseConceptMap } from './concepts.js';
import { evaluateFolder, pssVersionInPath } from './evaluate.js';
import { parseReasons } from './reasons.js';
import { runEval } from './run-eval.js';
import { scoreVerdicts } from './score.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const CONCEPTS = path.join(FIXTURES, 'concepts.json');
const pssVersionsSeen: string[] = [];

/** Stand-ins for rules other engineers are writing, so these tests measure the harness, not the catalogue. */
const hostPid = defineRule({
  id: 'test-host-pid',
  title: 'Pod shares the host process namespace',
  boundary: 'node',
  stride: ['elevation-of-privilege'],
  severity: 'high',
  references: {},
  rationale: 'test',
  remediation: 'test',
  messages: { shared: '{{name}} shares the host PID namespace.' },
  check({ estate, options, report }) {
    pssVersionsSeen.push(options.pssVersion);
    for (const workload of estate.workloads) {
      if (workload.spec.hostPID === true) report({ messageId: 'shared', data: { name: workload.name }, object: workload.object, path: [...workload.specPath, 'hostPID'] });
    }
  },
});

const bindingToSecrets = defineRule({
  id: 'test-binding',
  title: 'Binding grants secret reads',
  boundary: 'cluster',
  stride: ['information-disclosure'],
  severity: 'high',
  references: {},
  rationale: 'test',
  remediation: 'test',
  messages: { binds: 'binds {{role}}' },
  check({ estate, report }) {
    for (const binding of estate.byKind.get('RoleBinding') ?? []) {
      const roleRef = asRecord(binding.raw.roleRef) ?? {};
      const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: asString(roleRef.kind) ?? 'Role', namespace: binding.metadata.namespace, name: asString(roleRef.name) ?? '' };
      report({ messageId: 'binds', data: { role: role.name }, object: binding, path: ['roleRef'], related: [role] });
    }
  },
});

const RULES: readonly Rule[] = [bindingToSecrets, hostPid];

function memoryIo(cwd: string): { io: Parameters<typeof runEval>[1]; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    io: { cwd, stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) } },
    stdout: () => out,
    stderr: () => err,
  };
}

describe('evaluateFolder on a corpora-shaped fixture', async () => {
  const coverage = coverageOf(parseConceptMap(JSON.parse(await readFile(CONCEPTS, 'utf8')), 'concepts.json'), RULES.map((rule) => rule.id));
  const reasons = parseReasons(await readFile(path.join(FIXTURES, 'DISAGREEMENTS.md'), 'utf8'));
  const evaluation = await evaluateFolder('mini-corpus', FIXTURES, { coverage, rules: RULES, reasons });

  it('judges every label: on the object, through related objects, any of several objects, and namespaces', () => {
    expect(evaluation.verdicts.map((verdict) => [verdict.label.line, verdict.verdict])).toEqual([
      [2, 'TP'], // Pod//shares-pid has hostPID
      [3, 'TN'],
      [4, 'FN'], // the source says isolated fails; the scanner does not
      [5, 'FP'], // the debugging pod: the source exempts it
      [6, 'not-covered'], // no rule maps network_policy_missing
      [7, 'not-covered'], // privileged is mapped to a rule the registry lacks
      [8, 'TP'], // the binding itself
      [9, 'TP'], // the role, as the binding finding's related object
      [10, 'FN'], // same name, other namespace
      [11, 'TP'], // one of two objects matches
      [12, 'TP'],
    ]);
  });

  it('analyses each unit once, however many labels share it', () => {
    expect(evaluation.analyses).toBe(4);
  });

  it('analyses a fixture under a policy version folder at that version, and says how many', () => {
    expect(evaluation.verdicts.find((verdict) => verdict.label.line === 12)?.pssVersion).toBe('v1.30');
    expect(evaluation.pssVersions).toEqual({ 'v1.30': 1 });
    expect(pssVersionsSeen).toContain('v1.30');
    expect(pssVersionsSeen).toContain('latest');
  });

  it('scores per concept with precision, recall and agreement over covered labels only', () => {
    const score = scoreVerdicts(evaluation.verdicts);
    const hostPidScore = score.concepts.find((concept) => concept.concept === 'host_pid');
    expect(hostPidScore).toMatchObject({ tp: 2, fp: 1, fn: 1, tn: 1, notCovered: 0, precision: 2 / 3, recall: 2 / 3, agreement: 3 / 5, explained: 1 });
    expect(score.concepts.find((concept) => concept.concept === 'privileged')).toMatchObject({ notCovered: 1, agreement: null, precision: null });
    expect(score.total).toMatchObject({ tp: 5, fp: 1, fn: 2, tn: 1, notCovered: 2, agreement: 6 / 9 });
    expect(score.disagreements.map((verdict) => verdict.label.line)).toEqual([4, 5, 10]);
  });

  it('attaches the written reason to a kept disagreement only', () => {
    const kept = evaluation.verdicts.filter((verdict) => verdict.keptReason);
    expect(kept.map((verdict) => verdict.label.line)).toEqual([5]);
    expect(kept[0].keptReason?.reason).toContain('debugging pod');
  });
});

describe('pssVersionInPath', () => {
  it('finds a v1.N folder in the label path, and nothing elsewhere', () => {
    expect(pssVersionInPath('test/testdata/baseline/v1.37/pass/privileged0.yaml')).toBe('v1.37');
    expect(pssVersionInPath('manifests/v1/pod.yaml')).toBeUndefined();
    expect(pssVersionInPath('pods/v1.30.yaml')).toBeUndefined();
  });
});

describe('runEval', () => {
  const scratch = mkdtemp(path.join(tmpdir(), 'kubethreat-eval-'));
  afterAll(async () => rm(await scratch, { recursive: true, force: true }));

  it('prints per-concept numbers, not-covered labels and readable disagreements, and exits 0', async () => {
    const { io, stdout } = memoryIo(FIXTURES);
    expect(await runEval(['mini-corpus', '--concepts', CONCEPTS], io, { rules: RULES })).toBe(0);
    const text = stdout();
    expect(text).toMatch(/host_pid\s+5\s+2\s+1\s+1\s+1\s+66\.7%\s+66\.7%\s+60\.0%\s+1\/2/);
    expect(text).toContain('mapped but missing (in the concept map, not in the rule registry): privileged-container');
    expect(text).toContain('mapped to rules not in the registry yet: privileged ×1');
    expect(text).toContain('no rule maps to: network_policy_missing ×1');
    expect(text).toContain('FN host_pid  Pod//isolated  pods/host-pid.yaml');
    expect(text).toContain('note: a source that reads "isolated" differently');
    expect(text).toContain('v1.30 for 1 labels');
  });

  it('writes every per-label verdict with the findings that matched to --out', async () => {
    const out = path.join(await scratch, 'verdicts.json');
    const { io } = memoryIo(FIXTURES);
    expect(await runEval(['mini-corpus', '--concepts', CONCEPTS, '--out', out], io, { rules: RULES })).toBe(0);
    const written = JSON.parse(await readFile(out, 'utf8')) as { folders: Array<{ folder: string; verdicts: Array<Record<string, unknown>> }> };
    expect(written.folders[0].folder).toBe('mini-corpus');
    expect(written.folders[0].verdicts).toHaveLength(11);
    const role = written.folders[0].verdicts.find((verdict) => verdict.line === 9);
    expect(role).toMatchObject({
      object: 'Role/team-a/secret-reader',
      source_check: 'test:secrets',
      unit: 'rbac/',
      verdict: 'TP',
      matchedFindings: [expect.objectContaining({ ruleId: 'test-binding', object: 'RoleBinding/team-a/read-secrets', matchedBy: 'related' })],
    });
  });

  it('prints the summary as JSON with --json', async () => {
    const { io, stdout } = memoryIo(FIXTURES);
    expect(await runEval(['mini-corpus', '--concepts', CONCEPTS, '--json'], io, { rules: RULES })).toBe(0);
    const summary = JSON.parse(stdout()) as { folders: Array<{ total: { tp: number } }>; mappedButMissing: string[] };
    expect(summary.folders[0].total.tp).toBe(5);
    expect(summary.mappedButMissing).toEqual(['privileged-container']);
  });

  it('exits 2 on usage errors: no DIR, a missing folder, a folder without LABELS.tsv, an unknown option', async () => {
    for (const argv of [[], ['no-such-folder'], ['mini-corpus/pods'], ['mini-corpus', '--bogus']]) {
      const { io, stderr } = memoryIo(FIXTURES);
      expect(await runEval([...argv, '--concepts', CONCEPTS], io, { rules: RULES })).toBe(2);
      expect(stderr()).toMatch(/kubethreat eval: /);
    }
  });
});
