/** Which fixes a run applies: the user's choice of rules and level, and the fix's kind. */
import type { Finding } from '../engine/finding.js';
import type { Rule } from '../rules/define-rule.js';
import { findRule, RULE_LIST } from '../rules/index.js';

export type FixLevel = 'baseline' | 'restricted';

export interface FixSelection {
  /** --rule: only these rules' fixes, their suggestions included. Empty: every rule's safe fixes. */
  rules: readonly string[];
  level: FixLevel;
}

/**
 * `apply`; `suggestion`: a suggestion whose rule the user did not name; `above-level`: hardening beyond --level
 * baseline; `not-selected`: a rule the user left out; `none`: no fix offered.
 */
export type FixDecision = 'apply' | 'suggestion' | 'above-level' | 'not-selected' | 'none';

export function decideFix(finding: Finding, selection: FixSelection): FixDecision {
  if (!finding.fix || finding.fix.edits.length === 0) return 'none';
  if (selection.rules.length > 0 && !selection.rules.includes(finding.ruleId)) return 'not-selected';
  const rule = findRule(finding.ruleId);
  if (selection.level === 'baseline' && rule && onlyRestricted(rule)) return 'above-level';
  if (finding.fix.kind === 'suggestion' && !selection.rules.includes(finding.ruleId)) return 'suggestion';
  return 'apply';
}

/** A rule about Pod Security Standards controls of the restricted level only: not part of reaching baseline. */
export function onlyRestricted(rule: Rule): boolean {
  const controls = rule.references.pss?.split(',').map((entry) => entry.trim()) ?? [];
  return controls.length > 0 && controls.every((control) => control.startsWith('restricted/'));
}

/** The ids of the rules whose fixes a run may apply. */
export function fixableRuleIds(selection: FixSelection): string[] {
  return RULE_LIST.filter((rule) => rule.fix !== undefined && (selection.rules.length === 0 || selection.rules.includes(rule.id))).map((rule) => rule.id);
}
