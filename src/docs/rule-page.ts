/** The docs page of a rule, generated from its metadata and fixtures (docs/rules/<id>.md). */
import type { Rule } from '../rules/define-rule.js';
import { BOUNDARY_TITLES, STRIDE_TITLES } from '../taxonomy/index.js';

export function rulePage(rule: Rule, fixtures: { fires?: string; dontFire?: string }): string {
  const references = rule.references;
  const rows: Array<[string, string]> = [
    ['Severity', rule.severity],
    ['Trust boundary', BOUNDARY_TITLES[rule.boundary]],
    ['STRIDE', rule.stride.map((entry) => STRIDE_TITLES[entry]).join(', ')],
  ];
  if (references.pss) rows.push(['Pod Security Standards', references.pss]);
  if (references.attack?.length) rows.push(['MITRE ATT&CK', references.attack.join(', ')]);
  if (references.microsoft?.length) rows.push(['Microsoft threat matrix', references.microsoft.join(', ')]);
  if (references.cis?.length) rows.push(['CIS Kubernetes Benchmark', references.cis.join(', ')]);
  if (references.cwe?.length) rows.push(['CWE', references.cwe.join(', ')]);
  if (references.peers?.length) rows.push(['Same check elsewhere', references.peers.join(', ')]);
  const lines = [
    '<!-- Generated from the rule metadata by `npm run docs`. Do not edit. -->',
    `# ${rule.id}`,
    '',
    `**${rule.title}**`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([key, value]) => `| ${key} | ${value.replace(/\|/g, '\\|')} |`),
    '',
    '## Why it matters',
    '',
    rule.rationale,
    '',
    '## Measure',
    '',
    rule.remediation,
    '',
    '## Messages',
    '',
    ...Object.entries(rule.messages).map(([id, text]) => `- \`${id}\`: ${text}`),
  ];
  if (references.links?.length) lines.push('', '## Further reading', '', ...references.links.map((link) => `- ${link}`));
  if (fixtures.fires) lines.push('', '## Fires on', '', '```yaml', fixtures.fires.trimEnd(), '```');
  if (fixtures.dontFire) lines.push('', '## Does not fire on', '', '```yaml', fixtures.dontFire.trimEnd(), '```');
  return `${lines.join('\n')}\n`;
}

export function ruleIndexPage(rules: readonly Rule[]): string {
  const lines = [
    '<!-- Generated from the rule metadata by `npm run docs`. Do not edit. -->',
    '# Rules',
    '',
    '| id | severity | boundary | title |',
    '|---|---|---|---|',
    ...[...rules].sort((a, b) => (a.id < b.id ? -1 : 1)).map((rule) => `| [${rule.id}](${rule.id}.md) | ${rule.severity} | ${rule.boundary} | ${rule.title} |`),
  ];
  return `${lines.join('\n')}\n`;
}
