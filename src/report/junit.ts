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
import { compareText, findingObjectKey, groupBy, highestOf, isFile, rulesOf } from './present.js';
import { xmlAttribute, xmlEscape } from './xml-text.js';

interface Suite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  properties: Array<[string, string]>;
  /** Its testcases' XML, made as they are written: the cases of a large estate are counted long before. */
  cases: () => Iterable<string>;
}

/**
 * Size of a piece of the report (in UTF-16 units): few pieces, each below V8's large-object size (128 KB), so that a
 * written piece is collected young (see BATCH in ./json-chunks.ts).
 */
const PIECE = 60_000;

export function renderJunit(model: ThreatModel): string {
  return [...junitChunks(model)].join('');
}

/**
 * The report in pieces: at 150,000 pods (800,000 findings) it is about 750 MB, longer than the longest string V8 can
 * hold, so it is never one string.
 */
export function* junitChunks(model: ThreatModel): Generator<string> {
  const suites = [...ruleSuites(model)];
  if (model.problems.length > 0) suites.push(inputSuite(model));

  const total = (key: 'tests' | 'failures' | 'errors' | 'skipped'): number => suites.reduce((sum, suite) => sum + suite[key], 0);
  let piece: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<testsuites name="kubethreat" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}" time="0" timestamp="${xmlAttribute(model.generatedAt)}">\n`,
  ];
  let length = 0;
  const add = (text: string): boolean => {
    piece.push(text);
    length += text.length;
    return length >= PIECE;
  };
  const take = (): string => {
    const text = piece.join('');
    piece = [];
    length = 0;
    return text;
  };
  for (const suite of suites) {
    add(`  <testsuite name="${xmlAttribute(suite.name)}" tests="${suite.tests}" failures="${suite.failures}" errors="${suite.errors}" skipped="${suite.skipped}" time="0" timestamp="${xmlAttribute(model.generatedAt)}">\n`);
    if (suite.properties.length > 0) {
      add('    <properties>\n');
      for (const [name, value] of suite.properties) add(`      <property name="${xmlAttribute(name)}" value="${xmlAttribute(value)}"/>\n`);
      add('    </properties>\n');
    }
    for (const testcase of suite.cases()) if (add(`${testcase}\n`)) yield take();
    add('  </testsuite>\n');
  }
  add('</testsuites>\n');
  yield take();
}

function* ruleSuites(model: ThreatModel): Generator<Suite> {
  const byRule = groupBy(model.findings, (finding) => finding.ruleId);
  for (const rule of rulesOf(model)) {
    const byObject = [...groupBy(byRule.get(rule.id) ?? [], findingObjectKey).entries()].sort(([a], [b]) => compareText(a, b));
    yield {
      name: rule.id,
      tests: Math.max(byObject.length, 1),
      failures: byObject.length,
      errors: 0,
      skipped: 0,
      properties: [
        ['title', rule.title],
        ['severity', rule.severity],
        ['boundary', rule.boundary],
        ['stride', rule.stride.join(',')],
      ],
      *cases() {
        if (byObject.length === 0) yield `    <testcase name="${xmlAttribute(`${rule.id}: no finding`)}" classname="${xmlAttribute(`kubethreat.${rule.id}`)}" time="0"/>`;
        const repeated = repeatedTexts();
        for (const [key, own] of byObject) yield failingCase(rule.id, key, own, repeated);
      },
    };
  }
}

/** Escaped texts many findings in a row repeat (a rule's measure, the file of a dump): each escaped once. */
interface RepeatedTexts {
  file: (text: string) => string;
  measure: (text: string) => string;
}

function repeatedTexts(): RepeatedTexts {
  return { file: lastEscaped(), measure: lastEscaped() };
}

function lastEscaped(): (text: string) => string {
  let last: string | undefined;
  let escaped = '';
  return (text) => {
    if (text !== last) {
      last = text;
      escaped = xmlEscape(text);
    }
    return escaped;
  };
}

/** Each part of the body is escaped on its own, as the whole would be: they are joined with plain ASCII. */
function failingCase(ruleId: string, key: string, findings: Finding[], repeated: RepeatedTexts): string {
  const first = findings[0];
  const messages = findings.map((finding) => finding.message);
  const file = isFile(first.location.file) ? ` file="${xmlAttribute(first.location.file)}" line="${first.location.line}"` : '';
  const severity = highestOf(findings) ?? first.severity;
  const message = findings.length === 1 ? messages[0] : `${findings.length} findings: ${messages[0]}`;
  const body = findings
    .map((finding, index) => {
      const { location } = finding;
      const where = isFile(location.file) ? `${repeated.file(location.file)}:${location.line}:${location.column}` : repeated.file(location.file);
      const template = location.helmTemplate ? ` (Helm template ${xmlEscape(location.helmTemplate)})` : '';
      const field = finding.path ? `\n  field: ${xmlEscape(finding.path)}` : '';
      return `${finding.severity.toUpperCase()} ${xmlEscape(messages[index])}${field}\n  at: ${where}${template}\n  measure: ${repeated.measure(finding.remediation)}\n  fingerprint: ${xmlEscape(finding.fingerprint)}`;
    })
    .join('\n\n');
  return `    <testcase name="${xmlAttribute(key)}" classname="${xmlAttribute(`kubethreat.${ruleId}`)}"${file} time="0">\n      <failure message="${xmlAttribute(message)}" type="${severity}">${body}</failure>\n    </testcase>`;
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
    cases: () => cases,
  };
}
