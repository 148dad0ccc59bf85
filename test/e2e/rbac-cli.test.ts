/** `kubethreat who-can` and `kubethreat can`, run as users run them: the built CLI (node bin/kubethreat.js). */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const FIXTURES = 'test/e2e/fixtures/rbac';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function kubethreat(args: string[], input?: string): Promise<Run> {
  const run = promisify(execFile);
  try {
    const child = run(process.execPath, ['bin/kubethreat.js', ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' } });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    }
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

interface JsonChain {
  subject: string;
  scope: string;
  binding: { kind: string; name: string; source: string; default: boolean };
  role: { kind: string; name: string; source: string; default: boolean };
  rule: { index: number; in: { name: string }; source: string; verbs: string[]; resources: string[] };
  platform: boolean;
}

describe('kubethreat who-can', () => {
  it('names every subject with the binding → role → rule chain and file:line, the platform apart', async () => {
    const run = await kubethreat(['who-can', 'get', 'secrets', '-n', 'shop', FIXTURES]);
    expect(run.code).toBe(0);
    const [own, platform] = run.stdout.split("The cluster's own components");
    expect(own).toContain('Who can get secrets in namespace shop?');
    expect(own).toContain(
      'user:alice\n  namespace shop: RoleBinding shop/alice-edits (test/e2e/fixtures/rbac/shop.yaml:9) → ClusterRole edit (<kubernetes default policy v1.30>) → rule 0 of ClusterRole system:aggregate-to-edit:',
    );
    // resourceNames: a request without a name is not allowed by a rule limited to one Secret.
    expect(own).not.toContain('system:serviceaccount:shop:api');
    expect(platform).toContain('group:system:masters');
    expect(platform).toContain('system:serviceaccount:kube-system:namespace-controller');
  });

  it('counts resourceNames when the question names the object', async () => {
    const run = await kubethreat(['who-can', 'get', 'secrets', '-n', 'shop', '--name', 'api-db', FIXTURES]);
    expect(run.stdout).toContain(
      'system:serviceaccount:shop:api\n  namespace shop: RoleBinding shop/api-reads-config (test/e2e/fixtures/rbac/shop.yaml:28) → Role shop/config-reader (test/e2e/fixtures/rbac/shop.yaml:16) → rule 1: get secrets (names: api-db) (test/e2e/fixtures/rbac/shop.yaml:23)',
    );
  });

  it('lists the known members of a group that may', async () => {
    const run = await kubethreat(['who-can', 'list', 'configmaps', '-n', 'shop', FIXTURES]);
    expect(run.stdout).toMatch(/group:system:serviceaccounts:shop\n {2}namespace shop: RoleBinding shop\/shop-accounts-view \(test\/e2e\/fixtures\/rbac\/cluster\.yaml:16\).*\n {2}includes system:serviceaccount:shop:api, system:serviceaccount:shop:default\n/);
  });

  it('answers in JSON: nodes/proxy is cluster-scoped, so only the ClusterRoleBinding counts', async () => {
    const run = await kubethreat(['who-can', 'get', 'nodes/proxy', FIXTURES, '--format', 'json']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as { question: { resource: string; subresource: string }; clusters: Array<{ defaultPolicy: string; subjects: Array<{ subject: string; platform: boolean; chains: JsonChain[] }> }> };
    expect(answer.question).toMatchObject({ resource: 'nodes', subresource: 'proxy' });
    const [cluster] = answer.clusters;
    expect(cluster.defaultPolicy).toBe('<kubernetes default policy v1.30>');
    const sre = cluster.subjects.find((entry) => entry.subject === 'group:sre');
    expect(sre?.platform).toBe(false);
    expect(sre?.chains.map((chain) => [chain.scope, chain.binding.source, chain.role.source, chain.rule.source])).toEqual([
      ['cluster-wide', 'test/e2e/fixtures/rbac/cluster.yaml:9', 'test/e2e/fixtures/rbac/cluster.yaml:1', 'test/e2e/fixtures/rbac/cluster.yaml:5'],
    ]);
    expect(cluster.subjects.filter((entry) => !entry.platform).map((entry) => entry.subject)).toEqual(['group:sre']);
  });

  it('reads standard input, and selects the default policy of the version given', async () => {
    const run = await kubethreat(['who-can', 'create', 'pods/exec', '-n', 'shop', '-', '--kubernetes-version', 'v1.33.1'], readFileSync(path.join(REPO, FIXTURES, 'shop.yaml'), 'utf8'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('user:alice\n  namespace shop: RoleBinding shop/alice-edits (<stdin>:9) → ClusterRole edit (<kubernetes default policy v1.33>)');
  });

  it('rejects what it cannot read with exit code 2 and a message', async () => {
    const noInput = await kubethreat(['who-can', 'get', 'secrets']);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('no input');
    const badResource = await kubethreat(['who-can', 'get', 'pods/', FIXTURES]);
    expect([badResource.code, badResource.stderr]).toEqual([2, expect.stringContaining('cannot read resource "pods/"')]);
  });
});

describe('kubethreat can', () => {
  it('groups what a subject may do by risk, through its own bindings and its groups', async () => {
    const run = await kubethreat(['can', 'system:serviceaccount:shop:api', FIXTURES]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('It is in system:serviceaccounts, system:serviceaccounts:shop, system:authenticated');
    const secrets = run.stdout.indexOf('\nSecrets\n');
    const readOnly = run.stdout.indexOf('\nRead-only\n');
    expect(secrets).toBeGreaterThan(0);
    expect(readOnly).toBeGreaterThan(secrets);
    expect(run.stdout.slice(secrets, readOnly)).toContain('get secrets (names: api-db) in namespace shop\n    RoleBinding shop/api-reads-config (test/e2e/fixtures/rbac/shop.yaml:28)');
    expect(run.stdout.slice(readOnly)).toContain('in namespace shop (as group:system:serviceaccounts:shop)\n    RoleBinding shop/shop-accounts-view (test/e2e/fixtures/rbac/cluster.yaml:16) → ClusterRole view');
    expect(run.stdout).toMatch(/And \d+ grants of the bootstrap policy that every identity in its groups has/);
  });

  it('puts nodes/proxy under cluster takeover, in JSON too', async () => {
    const run = await kubethreat(['can', 'group:sre', FIXTURES, '-f', 'json']);
    const answer = JSON.parse(run.stdout) as { subject: string; groups: string[]; clusters: Array<{ risks: Record<string, JsonChain[]> }> };
    expect(answer.subject).toBe('group:sre');
    expect(answer.groups).toEqual(['system:authenticated']);
    const risks = answer.clusters[0].risks;
    expect(Object.keys(risks)).toEqual(['cluster-takeover', 'secrets', 'workload-control', 'read-only', 'other']);
    expect(risks['cluster-takeover'].map((chain) => `${chain.binding.name} ${chain.rule.verbs.join(',')} ${chain.rule.resources.join(',')}`)).toEqual(['sre-node-debug get nodes/proxy']);
  });

  it('says when a subject has nothing of its own, and rejects a subject it cannot read', async () => {
    expect((await kubethreat(['can', 'user:bob', FIXTURES])).stdout).toContain('Nothing of its own');
    const bad = await kubethreat(['can', 'bob', FIXTURES]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('write system:serviceaccount:NAMESPACE:NAME, user:NAME or group:NAME')]);
  });
});
