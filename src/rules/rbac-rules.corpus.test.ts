/**
 * The RBAC-labelled cases of the corpora (../shared/corpora: kubescape-regolibrary, kube-linter) through the
 * evaluation harness, with eval/concepts.json and eval/DISAGREEMENTS.md: every disagreement on an RBAC concept must
 * be one we keep with a written reason, and every RBAC concept the corpora label must be covered by a rule.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageOf, parseConceptMap } from '../eval/concepts.js';
import { evaluateFolder } from '../eval/evaluate.js';
import { parseReasons } from '../eval/reasons.js';
import { RULE_LIST } from './index.js';

const REPO = path.resolve(__dirname, '../..');
const CORPORA = path.resolve(REPO, '../shared/corpora');
const isRbacConcept = (concept: string): boolean => concept.startsWith('rbac_') || concept === 'sa_token_automount_with_rbac';

describe('RBAC rules against the labelled corpora', () => {
  const map = parseConceptMap(JSON.parse(readFileSync(path.join(REPO, 'eval/concepts.json'), 'utf8')), 'eval/concepts.json');
  const rbacRuleIds = new Set([...map].filter(([, concepts]) => concepts.some(isRbacConcept)).map(([id]) => id));
  const settings = {
    coverage: coverageOf(map, RULE_LIST.map((rule) => rule.id)),
    rules: RULE_LIST.filter((rule) => rbacRuleIds.has(rule.id)),
    reasons: parseReasons(readFileSync(path.join(REPO, 'eval/DISAGREEMENTS.md'), 'utf8')),
  };

  it.each(['kubescape-regolibrary', 'kube-linter'])('%s: every RBAC label is covered and every disagreement kept with its reason', async (folder) => {
    const evaluation = await evaluateFolder(path.join(CORPORA, folder), REPO, settings);
    const verdicts = evaluation.verdicts.filter((verdict) => isRbacConcept(verdict.label.concept));
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.filter((verdict) => verdict.verdict === 'not-covered').map((verdict) => verdict.label.concept)).toEqual([]);
    const unexplained = verdicts
      .filter((verdict) => (verdict.verdict === 'FP' || verdict.verdict === 'FN') && verdict.keptReason === undefined)
      .map((verdict) => `${verdict.verdict} ${verdict.label.concept} ${verdict.label.file} ${verdict.label.object}`);
    expect(unexplained).toEqual([]);
    // The agreements themselves: a rule that stopped firing would turn them into unexplained disagreements above.
    expect(verdicts.filter((verdict) => verdict.verdict === 'TP' || verdict.verdict === 'TN').length).toBeGreaterThan(verdicts.length / 2);
  });
});
