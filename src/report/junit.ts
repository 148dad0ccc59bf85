/**
 * `--format junit`: for CI systems that show test reports. One testsuite per rule that ran; one failing testcase per
 * (rule, object) with a finding, its failure listing every finding of that rule on that object.
 *
 * Passing testcases are not listed per object: kubethreat does not record which objects each rule examined, and
 * rules × objects grows past what CI viewers handle on large estates. A rule without findings is one passing
 * testcase, so the report still shows every check that ran. Input that could not be read is its own testsuite.
 */
import type { Finding } from '../engine/finding.js';
import type { ThreatModel } from '../engine/threat-model.js';
import { formatProblem } from '../load/problems.js';
import { objectKey } from '../model/object.js';
import { compareText, formatLocation, groupBy, highestOf, isFile, rulesOf } from './present.js';
import { xmlAttribute, xmlEscape } from './xml-text.js';

interface Suite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  properties: Array<[string, string]>;
  cases: string[];
}

export function renderJunit(model: ThreatModel): string {
  const byRule = groupBy(model.findings, (finding) => finding.ruleId);
  const suites: Suite[] = rulesOf(model).map((rule) => {
    const findings = byRule.get(rule.id) ?? [];
    const byObject = [...groupBy(findings, (finding) => objectKey(finding.object)).entries()].sort(([a], [b]) => compareText(a, b));
    const cases =
      byObject.length > 0
        ? byObject.map(([key, own]) => failingCase(rule.id, key, own))
        : [`    <testcase name="${xmlAttribute(`${rule.id}: no finding`)}" classname="${xmlAttribute(`kubethreat.${rule.id}`)}" time="0"/>`];
    return {
      name: rule.id,
      tests: cases.length,
      failures: byObject.length,
      errors: 0,
      skipped: 0,
      properties: [
        ['title', rule.title],
        ['severity', rule.severity],
        ['boundary', rule.boundary],
        ['stride', rule.stride.join(',')],
      ],
      cases,
    };
  });
  if (model.problems.length > 0) suites.push(inputSuite(model));

  const total = (key: 'tests' | 'failures' | 'errors' | 'skipped'): number => suites.reduce((sum, suite) => sum + suite[key], 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kubethreat" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}" time="0" timestamp="${xmlAttribute(model.generatedAt)}">`,
  ];
  for (const suite of suites) {
    lines.push(`  <testsuite name="${xmlAttribute(suite.name)}" tests="${suite.tests}" failures="${suite.failures}" errors="${suite.errors}" skipped="${suite.skipped}" time="0" timestamp="${xmlAttribute(model.generatedAt)}">`);
    if (suite.properties.length > 0) {
      lines.push('    <properties>');
      for (const [name, value] of suite.properties) lines.push(`      <property name="${xmlAttribute(name)}" value="${xmlAttribute(value)}"/>`);
      lines.push('    </properties>');
    }
    lines.push(...suite.cases, '  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function failingCase(ruleId: string, key: string, findings: Finding[]): string {
  const first = findings[0];
  const file = isFile(first.location.file) ? ` file="${xmlAttribute(first.location.file)}" line="${first.location.line}"` : '';
  const severity = highestOf(findings) ?? first.severity;
  const message = findings.length === 1 ? first.message : `${findings.length} findings: ${first.message}`;
  const body = findings
    .map((finding) => {
      const where = isFile(finding.location.file) ? formatLocation(finding.location) : finding.location.file;
      const template = finding.location.helmTemplate ? ` (Helm template ${finding.location.helmTemplate})` : '';
      return [`${finding.severity.toUpperCase()} ${finding.message}`, finding.path ? `  field: ${finding.path}` : '', `  at: ${where}${template}`, `  measure: ${finding.remediation}`, `  fingerprint: ${finding.fingerprint}`]
        .filter(Boolean)
        .join('\n');
    })
    .join('\n\n');
  return [
    `    <testcase name="${xmlAttribute(key)}" classname="${xmlAttribute(`kubethreat.${ruleId}`)}"${file} time="0">`,
    `      <failure message="${xmlAttribute(message)}" type="${severity}">${xmlEscape(body)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function inputSuite(model: ThreatModel): Suite {
  const cases = model.problems.map((problem) => {
    const name = problem.line !== undefined ? `${problem.file}:${problem.line}` : problem.file;
    const text = formatProblem(problem);
    const outcome = problem.severity === 'error' ? `<error message="${xmlAttribute(problem.message)}" type="input">${xmlEscape(text)}</error>` : `<skipped message="${xmlAttribute(text)}"/>`;
    return `    <testcase name="${xmlAttribute(name)}" classname="kubethreat.input" time="0">\n      ${outcome}\n    </testcase>`;
  });
  return {
    name: 'input',
    tests: cases.length,
    failures: 0,
    errors: model.problems.filter((problem) => problem.severity === 'error').length,
    skipped: model.problems.filter((problem) => problem.severity !== 'error').length,
    properties: [],
    cases,
  };
}
