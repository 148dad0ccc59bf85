/** `kubethreat rules` and `kubethreat explain RULE`: the catalogue, from the rules' own metadata and fixtures. */
import { readFileSync } from 'node:fs';
import { RULE_LIST, findRule } from '../rules/index.js';
import type { Rule } from '../rules/define-rule.js';
import { BOUNDARY_TITLES, STRIDE_TITLES } from '../taxonomy/index.js';
import { UsageError } from './errors.js';

export function renderRuleList(format: 'text' | 'json'): string {
  const rules = [...RULE_LIST].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (format === 'json') {
    return `${JSON.stringify(rules.map(({ check: _check, ...meta }) => meta), null, 2)}\n`;
  }
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const lines = rules.map((rule) => `${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)} ${rule.boundary.padEnd(9)} ${rule.title}`);
  return `${lines.join('\n')}\n\n${rules.length} rules. "kubethreat explain RULE" tells more about one.\n`;
}

/** A rule's fixture file, shipped in the package beside its source. */
export function ruleFixture(id: string, name: 'fires' | 'dont-fire'): string | undefined {
  try {
    return readFileSync(new URL(`../../src/rules/${id}/fixtures/${name}.yaml`, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}

export function renderExplain(id: string): string {
  const rule = findRule(id);
  if (!rule) throw new UsageError(`unknown rule "${id}": "kubethreat rules" lists them`);
  return explainText(rule);
}

function explainText(rule: Rule): string {
  const lines = [
    `${rule.id}: ${rule.title}`,
    '',
    `Severity:  ${rule.severity}`,
    `Boundary:  ${BOUNDARY_TITLES[rule.boundary]}`,
    `STRIDE:    ${rule.stride.map((entry) => STRIDE_TITLES[entry]).join(', ')}`,
    '',
    'Why it matters',
    `  ${rule.rationale}`,
    '',
    'Measure',
    `  ${rule.remediation}`,
    '',
    'References',
    ...referenceLines(rule),
  ];
  for (const [name, title] of [
    ['fires', 'Fires on'],
    ['dont-fire', 'Does not fire on'],
  ] as const) {
    const fixture = ruleFixture(rule.id, name);
    if (fixture) lines.push('', title, ...firstDocument(fixture).map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}

function referenceLines(rule: Rule): string[] {
  const references = rule.references;
  const lines: string[] = [];
  if (references.pss) lines.push(`  Pod Security Standards: ${references.pss}`);
  if (references.attack?.length) lines.push(`  MITRE ATT&CK: ${references.attack.join(', ')}`);
  if (references.microsoft?.length) lines.push(`  Microsoft threat matrix: ${references.microsoft.join(', ')}`);
  if (references.cis?.length) lines.push(`  CIS Kubernetes Benchmark: ${references.cis.join(', ')}`);
  if (references.cwe?.length) lines.push(`  CWE: ${references.cwe.join(', ')}`);
  if (references.peers?.length) lines.push(`  Same check elsewhere: ${references.peers.join(', ')}`);
  if (references.links?.length) lines.push(...references.links.map((link) => `  ${link}`));
  return lines.length > 0 ? lines : ['  (none)'];
}

function firstDocument(text: string): string[] {
  const documents = text.split(/^---\s*$/m).map((document) => document.trim()).filter(Boolean);
  return (documents[0] ?? '').split('\n');
}
