/**
 * Accepted risks (.kubethreat.yaml, --config, --no-config, annotations) and `kubethreat diff`, run as users run them:
 * the built CLI (node bin/kubethreat.js, built by `npm test`), with the real clock. Expiry dates in the fixtures are
 * therefore far in the past (2000) or the future (2099); the day-of-expiry boundary is tested in src/config.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const FIXTURES = path.join(REPO, 'test/e2e/fixtures/config-diff');
const ACCEPT = path.join(FIXTURES, 'accept');
const ACCEPT_RULES = ['--rule', 'privileged-container', '--rule', 'host-pid', '--rule', 'host-network'];
const DIFF_RULES = ['--rule', 'privileged-container', '--rule', 'host-pid', '--rule', 'image-latest-tag'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function kubethreat(args: string[], cwd: string): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(REPO, 'bin/kubethreat.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

interface JsonReport {
  findings: Array<{ ruleId: string; container?: string; expiredAcceptance?: { expires: string } }>;
  accepted: Array<{ ruleId: string; container?: string; object: { name: string }; acceptance: { reason: string; expires: string; owner?: string; source: { file: string; line: number; via: string } } }>;
  problems: Array<{ severity: string; file: string; line?: number; message: string }>;
}

describe('scan with accepted risks', () => {
  it('finds .kubethreat.yaml in the current directory: accepted findings leave the report and the exit code', async () => {
    const run = await kubethreat(['scan', 'manifests.yaml', ...ACCEPT_RULES], ACCEPT);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Accepted risks (3), not counted in the summary or for --fail-on');
    expect(run.stdout).toContain("CRITICAL privileged-container  Deployment/shop/web (container gpu): the GPU driver needs the host's devices");
    expect(run.stdout).toContain('until 2099-12-31, team-ml · .kubethreat.yaml:3');
    expect(run.stdout).toContain('HIGH     host-pid  DaemonSet/ops/node-agent: reads the processes of the node for monitoring');
    expect(run.stdout).toContain('until 2099-12-31, team-sre · manifests.yaml:30');
    expect(run.stdout).toContain('Summary: 0 findings; 3 accepted');
  });

  it('--no-config ignores it: the privileged containers fail the run again (the annotation still applies)', async () => {
    const run = await kubethreat(['scan', 'manifests.yaml', ...ACCEPT_RULES, '--no-config'], ACCEPT);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Summary: 2 findings (2 critical); 1 accepted');
  });

  it('JSON: accepted findings with the acceptance that matched, and the stale acceptance as a notice', async () => {
    const run = await kubethreat(['scan', 'manifests.yaml', ...ACCEPT_RULES, '--format', 'json'], ACCEPT);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings).toEqual([]);
    expect(report.accepted.map((finding) => [finding.ruleId, finding.object.name, finding.container ?? '', finding.acceptance.source.via, `${finding.acceptance.source.file}:${finding.acceptance.source.line}`])).toEqual([
      ['privileged-container', 'web', 'app', 'config', '.kubethreat.yaml:9'],
      ['privileged-container', 'web', 'gpu', 'config', '.kubethreat.yaml:3'],
      ['host-pid', 'node-agent', '', 'annotation', 'manifests.yaml:30'],
    ]);
    expect(report.problems).toEqual([
      {
        severity: 'notice',
        file: '.kubethreat.yaml',
        line: 14,
        column: 5,
        message: 'the accepted risk host-network for namespace shop matches no finding',
        hint: 'remove it, or correct its selector: the threat it accepted is gone, or it never matched',
      },
    ]);
  });

  it('--config FILE: an expired acceptance no longer applies; the findings count and say so', async () => {
    const run = await kubethreat(['scan', 'manifests.yaml', ...ACCEPT_RULES, '--config', 'expired.kubethreat.yaml'], ACCEPT);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('accepted until 2000-01-31 (expired.kubethreat.yaml:2), no longer: accepted for the migration, which ended');
    const json = await kubethreat(['scan', 'manifests.yaml', ...ACCEPT_RULES, '--config', 'expired.kubethreat.yaml', '--format', 'json'], ACCEPT);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.findings.map((finding) => [finding.container, finding.expiredAcceptance?.expires])).toEqual([
      ['app', '2000-01-31'],
      ['gpu', '2000-01-31'],
    ]);
  });

  it('default flags and severity overrides come from the config; a flag on the command line wins', async () => {
    const lenient = await kubethreat(['scan', 'manifests.yaml', ...ACCEPT_RULES, '--config', 'lenient.kubethreat.yaml'], ACCEPT);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('Summary: 2 findings (2 high); 1 accepted');
    const strict = await kubethreat(['scan', 'manifests.yaml', ...ACCEPT_RULES, '--config', 'lenient.kubethreat.yaml', '--fail-on', 'high'], ACCEPT);
    expect(strict.code).toBe(1);
  });

  it('a config with mistakes stops the run with exit code 2, naming file, line and field of each', async () => {
    const run = await kubethreat(['scan', 'manifests.yaml', '--config', 'broken.kubethreat.yaml'], ACCEPT);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'kubethreat: broken.kubethreat.yaml is not a valid kubethreat config (4 mistakes; docs/config.md describes the file, --no-config ignores it):',
        '  broken.kubethreat.yaml:1:9: failOn: "hihg" is not one of info, low, medium, high, critical, none',
        '  broken.kubethreat.yaml:3:5: accept[0].reason: required: why the risk is accepted',
        '  broken.kubethreat.yaml:6:11: accept[1].rule: unknown rule "privileged-containr" (did you mean "privileged-container"?): "kubethreat rules" lists them',
        '  broken.kubethreat.yaml:9:14: accept[1].expires: "2099-02-30" is not a day of the calendar',
        '',
      ].join('\n'),
    );
  });

  it('--config naming a file that does not exist is an error, not a silent default', async () => {
    const run = await kubethreat(['scan', 'manifests.yaml', '--config', 'missing.yaml'], ACCEPT);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('kubethreat: cannot read the config file missing.yaml: no such file\n');
  });
});

describe('kubethreat diff OLD NEW', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'kubethreat-diff-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('text: one finding new, one resolved, one unchanged; the control and node-boundary changes; fails on the new high', async () => {
    const run = await kubethreat(['diff', 'old', 'new', ...DIFF_RULES], FIXTURES);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'kubethreat diff: old → new',
        '  1 new (1 high), 1 resolved, 0 changed, 1 unchanged',
        '  Fails --fail-on high: 1 new finding at or above high.',
        '',
        'New findings (1)',
        '  HIGH     host-pid  Deployment/shop/web',
        "           Deployment shop/web shares the node's process namespace (hostPID: true).",
        '           new/shop.yaml:30  spec.template.spec.hostPID',
        '',
        'Resolved findings (1)',
        '  CRITICAL privileged-container  Deployment/shop/worker (container worker)',
        '           Container worker of Deployment shop/worker runs privileged (securityContext.privileged: true).',
        '           old/shop.yaml:34  spec.template.spec.containers[0].securityContext.privileged',
        '',
        'Controls (1)',
        '  Pod boundary: NetworkPolicies [shop]: missing → present (1 NetworkPolicy; default deny for ingress (default-deny) and egress (default-deny))',
        '',
        'Node boundary (2)',
        '  + Deployment/shop/web can now cross into its node (any node): host-pid',
        '  - Deployment/shop/worker no longer crosses into its node by: privileged-container',
        '',
      ].join('\n'),
    );
  });

  it('json: the same diff as data, deterministic from run to run', async () => {
    const first = await kubethreat(['diff', 'old', 'new', ...DIFF_RULES, '--format', 'json'], FIXTURES);
    const second = await kubethreat(['diff', 'old', 'new', ...DIFF_RULES, '--format', 'json'], FIXTURES);
    expect(second.stdout).toBe(first.stdout);
    const diff = JSON.parse(first.stdout) as { summary: Record<string, number>; added: Array<{ ruleId: string }>; resolved: Array<{ ruleId: string }>; gate: { failOn: string; failures: string[] } };
    expect(diff.summary).toMatchObject({ added: 1, resolved: 1, changed: 0, unchanged: 1, controls: 1, workloadsGainingEscapes: 1, workloadsLosingEscapes: 1 });
    expect(diff.added.map((finding) => finding.ruleId)).toEqual(['host-pid']);
    expect(diff.resolved.map((finding) => finding.ruleId)).toEqual(['privileged-container']);
    expect(diff.gate.failOn).toBe('high');
    expect(diff.gate.failures).toHaveLength(1);
  });

  it('markdown: a pull-request comment with a marker, the verdict and one table per change', async () => {
    const run = await kubethreat(['diff', 'old', 'new', ...DIFF_RULES, '--format', 'markdown'], FIXTURES);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      '<!-- kubethreat-diff -->',
      '## kubethreat: threat-model diff',
      '',
      '`old` → `new`',
      '',
      '1 new (1 high), 1 resolved, 0 changed, 1 unchanged',
      '',
      '> **Fails** `--fail-on high`: 1 new finding at or above high.',
    ]);
    expect(lines.filter((line) => line.startsWith('### '))).toEqual(['### New findings (1)', '### Resolved findings (1)', '### Controls (1)', '### Node boundary (2)']);
    expect(run.stdout).toContain("| **high** | `host-pid` | `Deployment/shop/web` | Deployment shop/web shares the node's process namespace (hostPID: true). | `new/shop.yaml:30` |");
  });

  it('--fail-on: old risk never fails the change, new risk does at its severity; none never fails', async () => {
    expect((await kubethreat(['diff', 'old', 'new', ...DIFF_RULES, '--fail-on', 'critical'], FIXTURES)).code).toBe(0);
    expect((await kubethreat(['diff', 'old', 'new', ...DIFF_RULES, '--fail-on', 'none'], FIXTURES)).code).toBe(0);
    // Backwards, the critical privileged container is what the change adds.
    expect((await kubethreat(['diff', 'new', 'old', ...DIFF_RULES, '--fail-on', 'critical'], FIXTURES)).code).toBe(1);
    expect((await kubethreat(['diff', 'old', 'old', ...DIFF_RULES, '--fail-on', 'info'], FIXTURES)).code).toBe(0);
  });

  it('reads JSON reports from scan --format json as it reads manifests', async () => {
    for (const side of ['old', 'new']) {
      const scan = await kubethreat(['scan', side, ...DIFF_RULES, '--format', 'json', '--output', path.join(scratch, `${side}.json`)], FIXTURES);
      expect(scan.stderr).toBe('');
    }
    const fromReports = await kubethreat(['diff', path.join(scratch, 'old.json'), path.join(scratch, 'new.json'), '--format', 'json'], FIXTURES);
    const fromManifests = await kubethreat(['diff', 'old', 'new', ...DIFF_RULES, '--format', 'json'], FIXTURES);
    expect(fromReports.code).toBe(1);
    const withoutLabels = (text: string): unknown => ({ ...(JSON.parse(text) as Record<string, unknown>), old: '', new: '' });
    expect(withoutLabels(fromReports.stdout)).toEqual(withoutLabels(fromManifests.stdout));
  });

  it('refuses an unknown format with exit code 2', async () => {
    const run = await kubethreat(['diff', 'old', 'new', '--format', 'html'], FIXTURES);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('choices are text, json, markdown');
  });
});
