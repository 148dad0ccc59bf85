/**
 * `kubethreat fix` as users run it (the built CLI), on the example estate: the fixed copies scan clean of every
 * finding whose fix was applied, re-applying changes nothing, the patch is the same change as the copies, inputs are
 * never written and no Secret value leaves the input.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kubethreat, kubethreatOnce, ROOT, scanJson, type JsonFinding, type Run } from './run.js';

beforeAll(assertBuilt);

const WEBSHOP = 'examples/webshop';
const work = mkdtempSync(path.join(tmpdir(), 'kubethreat-fix-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FIXABLE = [
  'capabilities-not-dropped',
  'privilege-escalation-allowed',
  'privileged-container',
  'read-only-root-filesystem',
  'run-as-root',
  'seccomp-profile-missing',
  'service-account-token-automount',
];

/**
 * What the fix leaves of the fixable rules on the example, each for a reason the report gives:
 * suggestions (they override what the manifest says, or may break the workload) and accounts with RBAC grants.
 */
const LEFT = [
  'privilege-escalation-allowed Pod/shop-dev/debug-tools (shell)', // privileged: the API server refuses false next to it
  'privileged-container Pod/shop-dev/debug-tools (shell)',
  'read-only-root-filesystem Deployment/ingress-nginx/ingress-nginx-controller (controller)', // sets it to false on purpose
  'run-as-root DaemonSet/monitoring/promtail', // runAsUser: 0, on purpose (it reads the node's logs)
  'run-as-root DaemonSet/monitoring/promtail (promtail)',
  'service-account-token-automount DaemonSet/monitoring/promtail', // these four accounts hold RBAC grants
  'service-account-token-automount Deployment/ingress-nginx/ingress-nginx-controller',
  'service-account-token-automount Deployment/kube-system/ops-toolbox',
  'service-account-token-automount StatefulSet/monitoring/prometheus',
];

function describeFinding(finding: JsonFinding): string {
  const { kind, namespace, name } = finding.object;
  return `${finding.ruleId} ${kind}/${namespace}/${name}${finding.container ? ` (${finding.container})` : ''}`;
}

/** Every file below a folder, by relative path, with its bytes. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const full = path.join(current, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

const first = path.join(work, 'fixed');
const second = path.join(work, 'fixed-again');
let original: Map<string, string>;
let run: Run;

describe('kubethreat fix --output on the example estate', () => {
  beforeAll(async () => {
    original = tree(path.join(ROOT, WEBSHOP));
    run = await kubethreat(['fix', WEBSHOP, '--output', first]);
  }, 120_000);

  it('writes fixed copies and the measures file, and reports what it fixed', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^kubethreat fix: 13 files changed, \d+ objects generated\./);
    expect(run.stdout).toMatch(/Scanned again with the fixes and measures: \d+ findings fixed, 0 not fixed, 5 left as suggestions/);
    const written = tree(first);
    expect([...written.keys()].sort()).toEqual([...original.keys(), 'kubethreat-measures.yaml'].filter((file) => file.endsWith('.yaml')).sort());
    expect(written.get('kubethreat-measures.yaml')).toContain('kind: NetworkPolicy');
  });

  it('leaves the input files as they were', () => {
    expect(tree(path.join(ROOT, WEBSHOP))).toEqual(original);
  });

  it('scans clean of every finding whose fix was applied; what is left is a suggestion or has no fix, as the report says', async () => {
    const { report } = await scanJson([first]);
    const left = report.findings.filter((finding) => FIXABLE.includes(finding.ruleId)).map(describeFinding).sort();
    expect(left).toEqual([...LEFT].sort());
    const suggestions = run.stdout.slice(run.stdout.indexOf('Suggestions not applied'), run.stdout.indexOf('No fix for this case'));
    const noFix = run.stdout.slice(run.stdout.indexOf('No fix for this case'));
    for (const entry of LEFT) {
      const [rule, subject] = entry.split(' ');
      const section = rule === 'service-account-token-automount' ? noFix : suggestions;
      expect(section, entry).toMatch(new RegExp(`${rule}\\s+${subject.replace(/[/.]/g, '\\$&')}`));
    }
  });

  it('leaves no Secret value in the copies', () => {
    const written = [...tree(first).values()].join('\n');
    expect(written).not.toContain('ZXhhbXBsZS1wcm9kLWRiLXBhc3N3b3JkLW5vdC1yZWFs');
    expect(written).toContain('# Secret shop-prod/postgres-credentials is left out of this copy');
    expect(run.stdout).toContain('Secrets left out of the copies');
  });

  it('is idempotent: fixing the fixed copies changes nothing', async () => {
    const again = await kubethreat(['fix', first, '--output', second]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^kubethreat fix: 0 files changed, 0 objects generated\./);
    expect(tree(second)).toEqual(tree(first));
  }, 120_000);
});

describe('kubethreat fix --patch', () => {
  it('prints a patch that git apply takes, and that makes the same change as the copies', async () => {
    const patch = await kubethreatOnce(['fix', WEBSHOP, '--patch']);
    expect(patch.code, patch.stderr).toBe(0);
    expect(patch.stderr).toMatch(/^kubethreat fix: 13 files changed/);
    expect(patch.stdout).toContain('--- /dev/null\n+++ b/examples/webshop/kubethreat-measures.yaml\n');
    expect(patch.stdout).not.toContain('ZXhhbXBsZS1wcm9kLWRiLXBhc3N3b3JkLW5vdC1yZWFs');

    const repo = path.join(work, 'repo');
    mkdirSync(path.join(repo, 'examples'), { recursive: true });
    cpSync(path.join(ROOT, WEBSHOP), path.join(repo, WEBSHOP), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['apply', '-'], { cwd: repo, input: patch.stdout });
    const copies = path.join(work, 'from-patch');
    const fromPatch = await kubethreat(['fix', path.join(repo, WEBSHOP), '--output', copies]);
    expect(fromPatch.stdout).toMatch(/^kubethreat fix: 0 files changed, 0 objects generated\./);
    // The copies name where each Secret they leave out stays: the inputs' paths differ, nothing else may.
    const withoutSource = (text: string | undefined): string | undefined => text?.replace(/Keep the one in .*$/gm, '');
    const expected = tree(first);
    const actual = tree(copies);
    for (const file of new Set([...expected.keys(), ...actual.keys()])) expect(withoutSource(actual.get(file)), file).toBe(withoutSource(expected.get(file)));
  }, 120_000);
});

describe('kubethreat fix with choices', () => {
  it('applies a suggestion only when the rule is named', async () => {
    const named = await kubethreat(['fix', 'examples/webshop/shop-dev', '--rule', 'privileged-container', '--patch']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toContain('-        privileged: true\n+        privileged: false\n');
    expect(named.stdout).not.toContain('readOnlyRootFilesystem'); // another rule's fix
    const unnamed = await kubethreatOnce(['fix', WEBSHOP, '--patch']);
    expect(unnamed.stdout).not.toContain('+        privileged: false');
  }, 60_000);

  it('with --level baseline, leaves the restricted-only hardening out and enforces baseline at most', async () => {
    const baseline = await kubethreat(['fix', 'examples/webshop/shop-staging', 'examples/webshop/platform/namespaces.yaml', '--level', 'baseline', '--patch']);
    expect(baseline.code, baseline.stderr).toBe(0);
    expect(baseline.stdout).not.toContain('runAsNonRoot');
    expect(baseline.stdout).not.toContain('seccompProfile');
    expect(baseline.stdout).toContain('readOnlyRootFilesystem: true');
    expect(baseline.stdout).not.toMatch(/\+\s+pod-security\.kubernetes\.io\/enforce: restricted/);
    expect(baseline.stderr).toContain('Not applied: beyond --level baseline');
  }, 60_000);

  it('leaves an accepted risk as it is', async () => {
    const dir = path.join(work, 'accepted');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'app.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: tool, namespace: ops}\nspec:\n  containers:\n    - name: tool\n      image: tool:1\n');
    writeFileSync(path.join(dir, '.kubethreat.yaml'), 'accept:\n  - rule: read-only-root-filesystem\n    object: Pod/ops/tool\n    reason: it writes its cache next to the binary\n    expires: 2099-12-31\n');
    const result = await kubethreat(['fix', 'app.yaml', '--patch'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('allowPrivilegeEscalation: false');
    expect(result.stdout).not.toContain('readOnlyRootFilesystem');
    expect(result.stderr).toContain('1 accepted finding was left as it is');
  }, 60_000);

  it('writes only generated objects for Kustomize output, and says that edits need the source files', async () => {
    const out = path.join(work, 'kustomize');
    const result = await kubethreat(['fix', 'test/fixtures/kustomize', '--output', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('kubethreat cannot edit it');
    expect([...tree(out).keys()]).toEqual(['kubethreat-measures.yaml']);
  }, 60_000);

  it('refuses what it must not do, with exit code 2', async () => {
    const both = await kubethreat(['fix', WEBSHOP, '--patch', '--output', path.join(work, 'x')]);
    expect([both.code, both.stderr]).toEqual([2, 'kubethreat: give either --output DIR or --patch, not both\n']);
    const noFix = await kubethreat(['fix', WEBSHOP, '--rule', 'host-pid']);
    expect(noFix.code).toBe(2);
    expect(noFix.stderr).toContain('rule "host-pid" has no fix and no measure');
    const inPlace = await kubethreat(['fix', 'examples/webshop/shop-dev', '--output', 'examples/webshop/shop-dev']);
    expect(inPlace.code).toBe(2);
    expect(inPlace.stderr).toContain('would overwrite the input file');
  }, 60_000);
});
