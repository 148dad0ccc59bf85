/** The built CLI, end to end: exit codes, formats, filters, inputs (stdin, Kustomize, Helm) and the catalogue commands. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, atLeast, FIXTURES, kubethreat, kubethreatOnce, ROOT, scanJson, type Run } from './run.js';

beforeAll(assertBuilt);

const fixture = (name: string): string => `${FIXTURES}/${name}`;
const fixtureText = (name: string): string => readFileSync(path.join(ROOT, fixture(name)), 'utf8');
const packageVersion = (): string => (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** A known error: exit 2, a message on stderr that names the problem, no stack trace, nothing on stdout. */
function expectUsageError(run: Run, message: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toContain('    at ');
  expect(run.stdout).toBe('');
}

describe.concurrent('exit codes', () => {
  it('0 when no finding is at or above high (the default --fail-on)', async () => {
    const { code, report } = await scanJson([fixture('hardened.yaml')]);
    expect(report.findings.filter((finding) => atLeast(finding.severity, 'high'))).toEqual([]);
    expect(code).toBe(0);
  });

  it('1 when a finding is at or above high', async () => {
    const { code, report } = await scanJson([fixture('privileged.yaml')]);
    expect(report.summary.highest).toBe('critical');
    expect(code).toBe(1);
  });

  it('follows --fail-on: low fails on a writable root filesystem, medium only if something reaches it, none never fails', async () => {
    const [low, medium, none] = await Promise.all([
      kubethreat(['scan', '--fail-on', 'low', fixture('writable.yaml')]),
      scanJson(['--fail-on', 'medium', fixture('writable.yaml')]),
      kubethreat(['scan', '--fail-on', 'none', fixture('privileged.yaml')]),
    ]);
    expect(low.code).toBe(1);
    expect(medium.code).toBe(medium.report.findings.some((finding) => atLeast(finding.severity, 'medium')) ? 1 : 0);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/CRITICAL/);
  });

  it('2 for usage errors: an unknown flag, format, rule or severity, and no paths', async () => {
    const [flag, format, rule, explain, severity, noPaths] = await Promise.all([
      kubethreat(['scan', '--bogus', fixture('hardened.yaml')]),
      kubethreat(['scan', '--format', 'xml', fixture('hardened.yaml')]),
      kubethreat(['scan', '--rule', 'no-such-rule', fixture('hardened.yaml')]),
      kubethreat(['explain', 'no-such-rule']),
      kubethreat(['scan', '--fail-on', 'severe', fixture('hardened.yaml')]),
      kubethreat(['scan']),
    ]);
    expectUsageError(flag, /unknown option '--bogus'/);
    expectUsageError(format, /'xml' is invalid.*Allowed choices are terminal, json/s);
    expectUsageError(rule, /unknown rule "no-such-rule": "kubethreat rules" lists them/);
    expectUsageError(explain, /unknown rule "no-such-rule"/);
    expectUsageError(severity, /'severe' is invalid.*info, low, medium, high, critical, none/s);
    expectUsageError(noPaths, /no input: give files or folders to (scan|read), - for standard input/);
  });

  it('2 for a version that is none: --kubernetes-version and --pss-version, in every command that takes them', async () => {
    const runs = await Promise.all([
      kubethreat(['scan', '--kubernetes-version', '1.3O', fixture('hardened.yaml')]),
      kubethreat(['paths', '--kubernetes-version', 'latest', fixture('hardened.yaml')]),
      kubethreat(['who-can', 'get', 'secrets', '--kubernetes-version', 'v2.0', fixture('hardened.yaml')]),
      kubethreat(['scan', '--pss-version', 'v1.30.1', fixture('hardened.yaml')]),
      kubethreat(['fix', '--kubernetes-version', 'v1', fixture('hardened.yaml')]),
    ]);
    expectUsageError(runs[0], /invalid --kubernetes-version "1\.3O": use the cluster's version, like v1\.31/);
    expectUsageError(runs[1], /invalid --kubernetes-version "latest"/);
    expectUsageError(runs[2], /invalid --kubernetes-version "v2\.0"/);
    expectUsageError(runs[3], /invalid --pss-version "v1\.30\.1": use "latest" or a version like v1\.30/);
    expectUsageError(runs[4], /invalid --kubernetes-version "v1"/);
  });

  it('2 when nothing is readable, listing why for each input', async () => {
    const run = await kubethreat(['scan', fixture('not-a-manifest.png'), 'no/such/file.yaml', '-'], { stdin: '# nothing but a comment\n' });
    expectUsageError(run, /no Kubernetes objects could be read from test\/fixtures\/e2e\/not-a-manifest\.png, no\/such\/file\.yaml, -/);
    expect(run.stderr).toMatch(/not-a-manifest\.png:3: error: this is a binary file .*\(skipped: the whole file\) — /);
    expect(run.stderr).toMatch(/no\/such\/file\.yaml: error: cannot be read: no such file or folder/);
    expect(run.stderr).toMatch(/<stdin>: notice: the file holds no Kubernetes object/);
  });
});

describe.concurrent('reports', () => {
  it('--format json has the schema version, the tool and every documented field of a finding', async () => {
    const { report } = await scanJson([fixture('privileged.yaml')]);
    expect(report.schemaVersion).toBe('1.2');
    expect(report.tool).toEqual({ name: 'kubethreat', version: packageVersion() });
    const privileged = report.findings.find((finding) => finding.ruleId === 'privileged-container')!;
    expect(privileged).toMatchObject({
      severity: 'critical',
      boundary: 'node',
      stride: expect.arrayContaining(['elevation-of-privilege']),
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'ops', name: 'node-agent' },
      container: 'agent',
      path: 'spec.containers[0].securityContext.privileged',
      location: { file: 'test/fixtures/e2e/privileged.yaml', line: 14, column: 9 },
      related: [],
      message: expect.stringContaining('node-agent'),
      remediation: expect.stringMatching(/privileged/),
      fingerprint: expect.stringMatching(/^privileged-container@[0-9a-f]{16}$/),
    });
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'boundary', 'stride', 'object', 'path', 'location', 'related', 'message', 'remediation', 'fingerprint']));
    }
  });

  it('--output writes the report to the file and nothing to stdout; problems still go to stderr', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kubethreat-e2e-')), 'report.json');
    const run = await kubethreat(['scan', '--format', 'json', '--output', out, fixture('mixed.yaml')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.scope.files).toEqual(['test/fixtures/e2e/mixed.yaml']);
    expect(run.stderr).toContain('kubethreat: test/fixtures/e2e/mixed.yaml:16:1: error: malformed YAML');
  });

  it('--output that cannot be written says which file and why, with no stack trace', async () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'kubethreat-e2e-')), 'no-such-folder', 'report.json');
    for (const [out, why] of [
      [missing, 'ENOENT: no such file or directory'],
      ['/dev/full', 'ENOSPC: no space left on device'],
    ]) {
      const run = await kubethreat(['scan', '--format', 'json', '--output', out, fixture('privileged.yaml')]);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: `kubethreat: cannot write the report to ${out}: ${why}\n` });
    }
  });

  it('diff --output and fix --output that cannot be written name the path and the reason, with no stack trace', async () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'kubethreat-e2e-')), 'no-such-folder', 'diff.md');
    const diff = await kubethreat(['diff', fixture('privileged.yaml'), fixture('privileged.yaml'), '--output', missing]);
    expect({ code: diff.code, stderr: diff.stderr }).toEqual({ code: 2, stderr: `kubethreat: ENOENT: no such file or directory, open '${missing}'\n` });
    const fix = await kubethreat(['fix', fixture('privileged.yaml'), '--output', '/dev/full/fixed']);
    expect(fix.code).toBe(2);
    expect(fix.stderr).toMatch(/^kubethreat: ENOTDIR: not a directory, mkdir '\/dev\/full\/fixed[^']*'\n$/);
  });

  it('--min-severity hides findings below it, in findings and summary', async () => {
    const [all, high] = await Promise.all([scanJson([fixture('privileged.yaml')]), scanJson(['--min-severity', 'high', fixture('privileged.yaml')])]);
    const expected = all.report.findings.filter((finding) => atLeast(finding.severity, 'high'));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.report.findings.length);
    expect(high.report.findings).toEqual(expected);
    expect(high.report.summary.total).toBe(expected.length);
  });

  it('--rule runs only that rule; --skip-rule runs all but it', async () => {
    const [only, skipped] = await Promise.all([
      scanJson(['--rule', 'read-only-root-filesystem', fixture('privileged.yaml'), fixture('writable.yaml')]),
      scanJson(['--skip-rule', 'read-only-root-filesystem', fixture('privileged.yaml')]),
    ]);
    expect(only.report.rules).toEqual(['read-only-root-filesystem']);
    expect(new Set(only.report.findings.map((finding) => finding.ruleId))).toEqual(new Set(['read-only-root-filesystem']));
    expect(only.report.findings.map((finding) => finding.object.name)).toContain('web');
    expect(only.code).toBe(0); // a low finding does not fail at --fail-on high
    expect(skipped.report.rules).not.toContain('read-only-root-filesystem');
    expect(skipped.report.findings.length).toBeGreaterThan(0);
    expect(skipped.report.findings.map((finding) => finding.ruleId)).not.toContain('read-only-root-filesystem');
  });

  it('-n / --namespace puts objects that name no namespace there (default: "default")', async () => {
    const [byDefault, short, long] = await Promise.all([
      scanJson([fixture('no-namespace.yaml')]),
      scanJson(['-n', 'staging', fixture('no-namespace.yaml'), fixture('writable.yaml')]),
      scanJson(['--namespace', 'staging', fixture('no-namespace.yaml'), fixture('writable.yaml')]),
    ]);
    expect(byDefault.report.scope.namespaces).toEqual(['default']);
    expect(new Set(byDefault.report.findings.map((finding) => finding.object.namespace))).toEqual(new Set(['default']));
    for (const staging of [short, long]) {
      expect(staging.report.scope).toMatchObject({ namespaces: ['shop', 'staging'], defaultNamespace: 'staging' });
      const namespacesOf = (name: string): Set<string | undefined> => new Set(staging.report.findings.filter((finding) => finding.object.name === name).map((finding) => finding.object.namespace));
      expect(namespacesOf('worker')).toEqual(new Set(['staging']));
      expect(namespacesOf('web')).toEqual(new Set(['shop']));
    }
  });
});

describe.concurrent('inputs', () => {
  it('reads standard input with -, and names it <stdin>', async () => {
    const { code, report } = await scanJson(['-'], { stdin: fixtureText('privileged.yaml') });
    expect(code).toBe(1);
    expect(report.scope.files).toEqual(['<stdin>']);
    const privileged = report.findings.find((finding) => finding.ruleId === 'privileged-container')!;
    expect(privileged.location).toEqual({ file: '<stdin>', line: 14, column: 9 });
  });

  it("reads JSON values one after another (jq '.items[]'), each located at its line", async () => {
    const { code, report } = await scanJson([fixture('jq-stream.json')]);
    expect(code).toBe(1);
    expect(report.problems).toEqual([]);
    expect(report.scope.objects).toBe(2);
    const privileged = report.findings.find((finding) => finding.ruleId === 'privileged-container')!;
    expect([privileged.object.name, privileged.location]).toEqual(['debug', { file: fixture('jq-stream.json'), line: 2, column: 1 }]);
  });

  it('renders a Kustomize folder with kubectl, once, and reports where in the rendered output', async () => {
    const { report } = await scanJson(['test/fixtures/kustomize']);
    expect(report.problems).toEqual([]);
    expect(report.scope.files).toEqual(['test/fixtures/kustomize/overlays/prod (kustomize output)']);
    expect(report.scope.namespaces).toEqual(['prod']);
    const names = new Set(report.findings.map((finding) => `${finding.object.kind}/${finding.object.name}`));
    expect(names.has('Deployment/prod-web')).toBe(true);
    expect(names.has('Deployment/web')).toBe(false); // the base is not scanned on its own
    // The overlay's component made the root filesystem read-only.
    expect(report.findings.filter((finding) => finding.ruleId === 'read-only-root-filesystem')).toEqual([]);
  });

  it('carries the Helm template of a rendered chart into each finding and the terminal report', async () => {
    const [json, terminal] = await Promise.all([scanJson([fixture('helm-rendered.yaml')]), kubethreatOnce(['scan', fixture('helm-rendered.yaml')])]);
    const line = fixtureText('helm-rendered.yaml').split('\n').indexOf('            privileged: true') + 1;
    const privileged = json.report.findings.find((finding) => finding.ruleId === 'privileged-container')!;
    expect(privileged.location).toEqual({ file: 'test/fixtures/e2e/helm-rendered.yaml', line, column: 13, helmTemplate: 'webshop/templates/deployment.yaml' });
    const frontend = json.report.findings.filter((finding) => finding.object.name === 'webshop-frontend');
    expect(new Set(frontend.map((finding) => finding.location.helmTemplate))).toEqual(new Set(['webshop/templates/deployment.yaml']));
    expect(terminal.stdout).toContain(`test/fixtures/e2e/helm-rendered.yaml:${line}:13 (webshop/templates/deployment.yaml)`);
  });

  it('analyses the rest of a file around broken documents, and says what it skipped', async () => {
    const [terminal, json] = await Promise.all([kubethreatOnce(['scan', fixture('mixed.yaml')]), scanJson([fixture('mixed.yaml')])]);
    expect(terminal.code).toBe(0);
    expect(terminal.stdout).toMatch(/Skipped or not analysed\n {2}test\/fixtures\/e2e\/mixed\.yaml:16:1: error: malformed YAML: .*\(skipped: document 2\)/);
    expect(terminal.stdout).toMatch(/mixed\.yaml:18:1: error: not a Kubernetes object \(found a string\) \(skipped: document 3\)/);
    expect(terminal.stdout).toMatch(/Summary: .*; 2 input problems \(see above\)/);
    expect(new Set(json.report.findings.map((finding) => finding.object.name))).toEqual(new Set(['good-before', 'good-after']));
    expect(json.report.problems.map((problem) => [problem.line, problem.skipped])).toEqual([
      [16, 'document 2'],
      [18, 'document 3'],
    ]);
  });
});

describe.concurrent('the catalogue', () => {
  it('rules lists every rule with severity, boundary and title', async () => {
    const [text, json] = await Promise.all([kubethreatOnce(['rules']), kubethreatOnce(['rules', '--format', 'json'])]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^privileged-container\s+critical\s+node\s+Container runs privileged$/m);
    expect(text.stdout).toMatch(/^read-only-root-filesystem\s+low\s+pod\s+Container root filesystem is writable$/m);
    const rules = JSON.parse(json.stdout) as Array<{ id: string }>;
    expect(text.stdout).toContain(`\n${rules.length} rules.`);
    for (const rule of rules) expect(text.stdout).toMatch(new RegExp(`^${rule.id}\\s`, 'm'));
  });

  it('explain RULE prints the rationale, the references, the measure and the fixtures that fire and do not', async () => {
    const [run, json] = await Promise.all([kubethreat(['explain', 'read-only-root-filesystem']), kubethreatOnce(['rules', '--format', 'json'])]);
    expect(run.code).toBe(0);
    const rule = (JSON.parse(json.stdout) as Array<{ id: string; rationale: string; remediation: string }>).find((entry) => entry.id === 'read-only-root-filesystem')!;
    expect(run.stdout).toContain(`Why it matters\n  ${rule.rationale}`);
    expect(run.stdout).toContain(`Measure\n  ${rule.remediation}`);
    expect(run.stdout).toMatch(/References\n {2}MITRE ATT&CK: T1525/);
    const firstDocument = (name: string): string =>
      readFileSync(path.join(ROOT, `src/rules/read-only-root-filesystem/fixtures/${name}.yaml`), 'utf8')
        .split(/^---\s*$/m)
        .map((document) => document.trim())
        .filter(Boolean)[0]
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n');
    expect(run.stdout).toContain(`Fires on\n${firstDocument('fires')}`);
    expect(run.stdout).toContain(`Does not fire on\n${firstDocument('dont-fire')}`);
  });

  it('--version prints the version of the package', async () => {
    const run = await kubethreat(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(packageVersion());
  });
});
