/** The engine's side of the fix contract (src/engine/run-rules.ts): what a rule may attach, and what a finding gets. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import { parseManifestText } from '../load/parse-text.js';
import { defineRule, type Rule } from '../rules/define-rule.js';
import { RULE_LIST } from '../rules/index.js';
import type { FixProposal, FixSource } from './types.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: app:1\n';

function ruleAttaching(fix: FixSource, declared: Rule['fix']): Rule {
  return defineRule({
    id: 'test-rule',
    title: 'A rule for the contract test',
    boundary: 'pod',
    stride: ['tampering'],
    severity: 'low',
    references: { links: ['https://example.com'] },
    rationale: 'Only here to exercise the engine.',
    remediation: 'None needed.',
    messages: { found: 'found {{name}}' },
    ...(declared ? { fix: declared } : {}),
    check({ estate, report }) {
      for (const object of estate.objects) report({ messageId: 'found', data: { name: object.metadata.name }, object, path: ['spec', 'hostPID'], fix });
    },
  });
}

function findingsWith(rule: Rule) {
  return analyze({ objects: parseManifestText(POD, 'pod.yaml').objects, now: new Date(0), toolVersion: 'test', rules: [rule] }).findings;
}

const SET_HOST_PID: FixProposal = { edits: [{ op: 'set', path: ['spec', 'hostPID'], value: false }] };

describe('the fix contract', () => {
  it('refuses a fix from a rule that does not declare one: a bug in the rule, not in the input', () => {
    expect(() => findingsWith(ruleAttaching(SET_HOST_PID, undefined))).toThrow(/test-rule attached a fix but does not declare one/);
  });

  it("stamps the rule's kind on the finding, and a safe rule may mark one fix as a suggestion", () => {
    expect(findingsWith(ruleAttaching(SET_HOST_PID, 'safe'))[0].fix).toEqual({ kind: 'safe', edits: SET_HOST_PID.edits, notes: [] });
    expect(findingsWith(ruleAttaching({ ...SET_HOST_PID, suggestion: true, notes: ['why'] }, 'safe'))[0].fix).toEqual({ kind: 'suggestion', edits: SET_HOST_PID.edits, notes: ['why'] });
  });

  it('never lets a rule that declares only suggestions hand out a safe fix', () => {
    expect(findingsWith(ruleAttaching({ ...SET_HOST_PID, suggestion: false }, 'suggestion'))[0].fix?.kind).toBe('suggestion');
  });

  it('makes a fix given as a function only when the fix is read, once, with the same stamped kind', () => {
    let made = 0;
    const findings = findingsWith(ruleAttaching(() => (made++, { ...SET_HOST_PID, suggestion: true }), 'safe'));
    expect(findings).toHaveLength(1);
    expect(made).toBe(0);
    expect(findings[0].fix).toEqual({ kind: 'suggestion', edits: SET_HOST_PID.edits, notes: [] });
    expect(findings[0].fix).toBe(findings[0].fix);
    expect(made).toBe(1);
  });

  it('refuses a fix function from a rule that does not declare fixes, without calling it', () => {
    let made = 0;
    expect(() => findingsWith(ruleAttaching(() => (made++, SET_HOST_PID), undefined))).toThrow(/test-rule attached a fix but does not declare one/);
    expect(made).toBe(0);
  });

  it('leaves fixes out when the analysis is told nobody will read them (scan), still refusing undeclared ones', () => {
    let made = 0;
    const rule = ruleAttaching(() => (made++, SET_HOST_PID), 'safe');
    const [finding] = analyze({ objects: parseManifestText(POD, 'pod.yaml').objects, now: new Date(0), toolVersion: 'test', rules: [rule], options: { fixes: false } }).findings;
    expect(finding.ruleId).toBe('test-rule');
    expect(finding.fix).toBeUndefined();
    expect(made).toBe(0);
    const undeclared = ruleAttaching(SET_HOST_PID, undefined);
    expect(() => analyze({ objects: parseManifestText(POD, 'pod.yaml').objects, now: new Date(0), toolVersion: 'test', rules: [undeclared], options: { fixes: false } })).toThrow(/does not declare one/);
  });

  it('holds for the whole catalogue: findings carry fixes only from rules that declare them', () => {
    const text = `${POD}---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\n`;
    const model = analyze({ objects: parseManifestText(text, 'estate.yaml').objects, now: new Date(0), toolVersion: 'test' });
    const declared = new Set(RULE_LIST.filter((rule) => rule.fix !== undefined).map((rule) => rule.id));
    const withFix = model.findings.filter((finding) => finding.fix !== undefined);
    expect(withFix.length).toBeGreaterThan(0);
    for (const finding of withFix) expect(declared, finding.ruleId).toContain(finding.ruleId);
  });
});
