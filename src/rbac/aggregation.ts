/**
 * Effective rules of every role, with aggregated ClusterRoles computed as the clusterrole-aggregation controller
 * does (pkg/controller/clusterroleaggregation): for each selector in order, every other ClusterRole whose labels
 * match, sorted by name, contributes its current rules, deduplicated; the result replaces the role's own `rules`.
 * The controller reads the *current* rules of the roles it gathers, so aggregated roles that select each other
 * (admin ← edit ← view) converge; we iterate to that fixed point.
 */
import { matchesLabels } from '../network/label-selector.js';
import type { RoleRecord } from './inventory.js';
import type { EffectiveRole, PolicyRule, RbacObjectRef, RuleOrigin } from './types.js';

interface RuleSet {
  rules: PolicyRule[];
  origins: RuleOrigin[];
}

function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]);
}

function sameRuleSet(a: RuleSet, b: RuleSet): boolean {
  if (a.rules.length !== b.rules.length) return false;
  return a.rules.every((rule, index) => ruleKey(rule) === ruleKey(b.rules[index]));
}

export function computeEffectiveRoles(records: Iterable<RoleRecord>): Map<string, EffectiveRole> {
  const all = [...records];
  const current = new Map<string, RuleSet>();
  for (const record of all) {
    current.set(record.key, { rules: [...record.rules], origins: record.rules.map((_, ruleIndex) => ({ role: record.ref, ruleIndex })) });
  }
  const clusterRoles = all.filter((record) => record.ref.kind === 'ClusterRole').sort((a, b) => compareNames(a.ref.name, b.ref.name));
  // An aggregationRule the API server would reject makes the controller fail: the role keeps what it declares.
  const aggregated = clusterRoles.filter((record) => record.aggregation !== undefined && record.aggregation !== 'invalid');
  const gathered = new Map<string, RbacObjectRef[]>();
  for (const record of aggregated) gathered.set(record.key, selectedRoles(record, clusterRoles).map((role) => role.ref));

  // Each pass can only propagate rules one aggregation level further, so this many passes reach the fixed point.
  for (let pass = 0; pass <= aggregated.length; pass += 1) {
    let changed = false;
    for (const record of aggregated) {
      const next = aggregate(record, clusterRoles, current);
      if (!sameRuleSet(next, current.get(record.key) as RuleSet)) {
        current.set(record.key, next);
        changed = true;
      }
    }
    if (!changed) break;
  }

  const effective = new Map<string, EffectiveRole>();
  for (const record of all) {
    const rules = current.get(record.key) as RuleSet;
    const role: EffectiveRole = { ref: record.ref, labels: record.labels, rules: rules.rules, ruleOrigins: rules.origins };
    const from = gathered.get(record.key);
    if (from !== undefined) role.aggregatedFrom = from;
    effective.set(record.key, role);
  }
  return effective;
}

function selectedRoles(record: RoleRecord, clusterRoles: readonly RoleRecord[]): RoleRecord[] {
  const selectors = record.aggregation === undefined || record.aggregation === 'invalid' ? [] : record.aggregation;
  const seen = new Set<string>();
  const selected: RoleRecord[] = [];
  for (const selector of selectors) {
    for (const candidate of clusterRoles) {
      if (candidate.key === record.key || seen.has(candidate.key)) continue;
      if (!matchesLabels(selector, candidate.labels)) continue;
      seen.add(candidate.key);
      selected.push(candidate);
    }
  }
  return selected.sort((a, b) => compareNames(a.ref.name, b.ref.name));
}

function aggregate(record: RoleRecord, clusterRoles: readonly RoleRecord[], current: Map<string, RuleSet>): RuleSet {
  const selectors = record.aggregation === undefined || record.aggregation === 'invalid' ? [] : record.aggregation;
  const result: RuleSet = { rules: [], origins: [] };
  const present = new Set<string>();
  for (const selector of selectors) {
    for (const candidate of clusterRoles) {
      if (candidate.key === record.key || !matchesLabels(selector, candidate.labels)) continue;
      const source = current.get(candidate.key) as RuleSet;
      source.rules.forEach((rule, index) => {
        const key = ruleKey(rule);
        if (present.has(key)) return;
        present.add(key);
        result.rules.push(rule);
        result.origins.push(source.origins[index]);
      });
    }
  }
  return result;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
