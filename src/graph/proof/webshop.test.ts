/**
 * Proof on the bundled example (examples/webshop/README.md, "Attack paths a reviewer should expect"): the threat
 * model names those paths, each step with its technique and a file:line a reader can open.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../load/index.js';
import { analyze } from '../../engine/analyze.js';
import type { AttackPath, ThreatModel } from '../../engine/threat-model.js';
import { buildEstate } from '../../model/estate.js';
import type { Locate } from '../../engine/run-rules.js';
import { buildAttackGraph, resolveNodes, topPaths, type AttackGraph } from '../index.js';
import { hasEdge } from '../testing.js';

const REPO = path.resolve(__dirname, '../../..');
let model: ThreatModel;
let graph: AttackGraph;
let locate: Locate;

beforeAll(async () => {
  const loaded = await loadInputs(['examples/webshop'], { cwd: REPO, readStdin: async () => '' });
  locate = (source, fieldPath) => loaded.locator.locate(source, fieldPath);
  model = analyze({ objects: loaded.objects, now: new Date('2026-01-01T00:00:00Z'), toolVersion: 'test', locate, options: { includePlatform: true } });
  const estate = buildEstate(loaded.objects);
  graph = buildAttackGraph({ estate, findings: model.findings, options: { defaultNamespace: 'default' } });
});

/** The best path between two positions, as the model would show it. */
function pathBetween(from: string, to: string): AttackPath {
  const [found] = topPaths(graph, { from: resolveNodes(graph, from), to: resolveNodes(graph, to), max: 1 }, locate);
  expect(found, `a path from ${from} to ${to}`).toBeDefined();
  return found;
}

const techniques = (found: AttackPath): string[] => found.steps.map((step) => step.technique);
const positions = (found: AttackPath): string[] => found.steps.map((step) => step.to);

describe('the web shop example', () => {
  it('names the README\'s top paths among the threat model\'s attack paths', () => {
    const ids = (model.attackPaths ?? []).map((found) => found.id);
    // 3. Internet → ingress-nginx → every Secret in the cluster (its own RBAC).
    expect(ids).toContain('internet=>every-secret');
    // 1. A shop developer → node root → ops-toolbox's cluster-admin token.
    expect(ids).toContain('group:acme:shop-developers=>cluster-admin');
    // Any compromised container: ops-toolbox's mounted cluster-admin token.
    expect(ids).toContain('any-workload=>cluster-admin');
  });

  it('gives every step of every path a technique and evidence with a file:line in the example', () => {
    for (const found of model.attackPaths ?? []) {
      for (const step of found.steps) {
        expect(step.technique).not.toBe('CONTAINS');
        expect(step.title.length).toBeGreaterThan(5);
        // Group membership is the API server's doing: no file says it, the evidence says so.
        if (step.technique === 'RBAC-STRUCT') {
          expect(step.evidence[0].detail).toMatch(/^the API server puts every /);
          continue;
        }
        expect(step.location?.file, `${found.id}: ${step.from} → ${step.to}`).toMatch(/^examples\/webshop\//);
        expect(step.location?.line).toBeGreaterThan(0);
      }
    }
  });

  it('1. a shop developer execs into the privileged debug pod, owns its node and takes ops-toolbox\'s token', () => {
    const found = pathBetween('group:acme:shop-developers', 'cluster-admin');
    expect(techniques(found)).toEqual(['WL-POD-EXEC', 'ESC-NSENTER', 'NODE-TO-PODS', 'CRED-SA-TOKEN', 'RBAC-CLUSTER-ADMIN']);
    expect(positions(found)).toEqual(['Pod shop-dev/debug-tools', 'a node of pool "any node"', 'Deployment kube-system/ops-toolbox', 'ServiceAccount kube-system/ops-admin', 'cluster-admin']);
    // ... or starts a privileged pod of its own: shop-dev has no Pod Security Admission.
    expect(techniques(pathBetween('group:acme:shop-developers', 'every-node'))).toEqual(['WL-CREATE-POD', 'WL-CREATE-PRIV-POD']);
  });

  it('1. is admission-aware: restricted shop-prod admits no privileged pod, label-less shop-dev does', () => {
    expect(hasEdge(graph, 'namespace:shop-dev', 'every-node', 'WL-CREATE-PRIV-POD')).toBe(true);
    expect(hasEdge(graph, 'namespace:shop-prod', 'every-node', 'WL-CREATE-PRIV-POD')).toBe(false);
    expect(hasEdge(graph, 'namespace:ingress-nginx', 'every-node', 'WL-CREATE-PRIV-POD')).toBe(false);
  });

  it('2. any CI job on the GitLab runner takes the node through the Docker socket', () => {
    const found = pathBetween('Deployment/ci/gitlab-runner', 'cluster-admin');
    expect(techniques(found)).toEqual(['ESC-SOCK', 'NODE-TO-PODS', 'CRED-SA-TOKEN', 'RBAC-CLUSTER-ADMIN']);
    expect(found.steps[0].location?.file).toBe('examples/webshop/platform/ci/gitlab-runner.yaml');
  });

  it('3. the internet reaches ingress-nginx, whose own RBAC reads every Secret', () => {
    const found = (model.attackPaths ?? []).find((entry) => entry.id === 'internet=>every-secret')!;
    expect(techniques(found)).toEqual(['ENTRY-EXPOSED-WORKLOAD', 'CRED-SA-TOKEN', 'RBAC-SECRET-LIST']);
    expect(positions(found)).toEqual(['Deployment ingress-nginx/ingress-nginx-controller', 'ServiceAccount ingress-nginx/ingress-nginx', 'every Secret of the cluster']);
    expect(found.steps[0].evidence.map((evidence) => `${evidence.object.kind}/${evidence.object.name}`)).toContain('Service/ingress-nginx-controller');
  });

  it('4. a pod with a mounted token reads the staging database password through system:authenticated', () => {
    const found = pathBetween('Deployment/shop-dev/api', 'configmap-credentials:shop-staging/api-config');
    expect(techniques(found)).toEqual(['CRED-SA-TOKEN', 'RBAC-STRUCT', 'CRED-PLAINTEXT']);
    expect(positions(found)).toEqual(['ServiceAccount shop-dev/default', 'Group system:authenticated', 'credentials in ConfigMap shop-staging/api-config']);
    // The dev api is itself exposed through NodePort 30080.
    expect(hasEdge(graph, 'internet', 'workload:Deployment/shop-dev/api', 'ENTRY-EXPOSED-WORKLOAD')).toBe(true);
  });

  it('5. Prometheus reads every Secret, among them the CI deployer\'s token, which creates pods in shop-prod', () => {
    const found = pathBetween('StatefulSet/monitoring/prometheus', 'namespace:shop-prod');
    expect(positions(found)).toEqual(['ServiceAccount monitoring/prometheus', 'Secret ci/deployer-token', 'ServiceAccount ci/deployer', 'run pods in namespace shop-prod']);
    expect(techniques(found)).toEqual(['CRED-SA-TOKEN', 'RBAC-SECRET-LIST', 'ENTRY-KUBECONFIG', 'WL-CREATE-POD']);
    // The deployer's Role lets it read shop-prod's Secrets too.
    expect(hasEdge(graph, 'sa:ci/deployer', 'secrets:shop-prod', 'RBAC-SECRET-LIST')).toBe(true);
  });

  it('6. promtail execs through the kubelet API into ops-toolbox and becomes cluster-admin', () => {
    const found = pathBetween('DaemonSet/monitoring/promtail', 'cluster-admin');
    expect(techniques(found)).toEqual(['CRED-SA-TOKEN', 'WL-NODES-PROXY', 'CRED-SA-TOKEN', 'RBAC-CLUSTER-ADMIN']);
    expect(positions(found)[1]).toBe('Deployment kube-system/ops-toolbox');
  });

  it('says that no NetworkPolicy is no isolation only where it applies, and which namespaces it assumed', () => {
    expect(model.attackGraph?.notes.join('\n')).toContain('(default, kube-system) are taken to admit privileged pods');
    expect(model.attackGraph?.notes.join('\n')).not.toContain('No NetworkPolicy in the input');
  });
});
