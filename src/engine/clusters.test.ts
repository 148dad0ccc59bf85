import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { parseManifestText } from '../load/parse-text.js';
import type { InputProblem } from '../load/problems.js';
import type { K8sObject } from '../model/object.js';
import type { AnalysisOptions } from './options.js';
import { compareFindings } from './run-rules.js';
import type { ThreatModel } from './threat-model.js';

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: tools
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

it('keeps the same object in two clusters apart: two findings, two fingerprints, two workloads', () => {
  const objects = ['staging', 'prod'].flatMap((cluster) => parseManifestText(pod, `${cluster}.yaml`, { cluster }).objects);
  const model = analyze({ objects, options: { onlyRules: ['privileged-container'] }, now: new Date(0), toolVersion: 'test' });
  expect(model.findings.map((finding) => finding.object.cluster).sort()).toEqual(['prod', 'staging']);
  expect(new Set(model.findings.map((finding) => finding.fingerprint)).size).toBe(2);
  expect(model.workloads.map((workload) => workload.findings)).toEqual([1, 1]);
  expect(model.scope.clusters).toEqual(['prod', 'staging']);
});

it('gives the same fingerprint as before when no cluster is named', () => {
  const model = analyze({ objects: parseManifestText(pod, 'a.yaml').objects, options: { onlyRules: ['privileged-container'] }, now: new Date(0), toolVersion: 'test' });
  const moved = analyze({ objects: parseManifestText(`# moved\n${pod}`, 'b.yaml').objects, options: { onlyRules: ['privileged-container'] }, now: new Date(0), toolVersion: 'test' });
  expect(model.findings[0].object.cluster).toBeUndefined();
  expect(moved.findings[0].fingerprint).toBe(model.findings[0].fingerprint);
});

// Clusters share nothing: each is analysed as it would be alone, and the model names what belongs to which.

const NOW = new Date('2026-01-01T00:00:00Z');
const podThen = `${pod}---\n`;

function objectsOf(byCluster: Record<string, string>): K8sObject[] {
  return Object.entries(byCluster).flatMap(([cluster, text]) => parseManifestText(text, `${cluster}.yaml`, { cluster }).objects);
}

function analyzeClusters(byCluster: Record<string, string>, options: Partial<AnalysisOptions> = {}, problems: InputProblem[] = []): ThreatModel {
  return analyze({ objects: objectsOf(byCluster), options, now: NOW, toolVersion: 'test', problems });
}

function deployment(namespace: string, name: string, serviceAccount?: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
${serviceAccount ? `      serviceAccountName: ${serviceAccount}\n` : ''}      containers:
        - { name: ${name}, image: "ghcr.io/acme/${name}:1.0.0" }
---
`;
}

const defaultDeny = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
`;

const clusterOf = (finding: { object: { cluster?: string } }): string | undefined => finding.object.cluster;

describe('each cluster is its own estate', () => {
  const networkRules = { onlyRules: ['network-policy-missing', 'namespace-default-deny-missing'] };

  it("does not let one cluster's NetworkPolicy isolate the same namespace of another", () => {
    const model = analyzeClusters({ a: deployment('shop', 'web') + defaultDeny, b: deployment('shop', 'web') }, networkRules);
    const alone = analyzeClusters({ b: deployment('shop', 'web') }, networkRules);
    expect(model.findings.filter((finding) => clusterOf(finding) === 'a')).toEqual([]);
    const ofB = model.findings.filter((finding) => clusterOf(finding) === 'b');
    expect(ofB.map((finding) => finding.ruleId).sort()).toEqual(['namespace-default-deny-missing', 'network-policy-missing']);
    // What cluster b gets is what it gets alone, risk included.
    expect(ofB).toEqual(alone.findings);
  });

  it("reads a pod's ServiceAccount in its own cluster", () => {
    const account = (automount: string): string => `apiVersion: v1
kind: ServiceAccount
metadata: { name: app, namespace: shop }
${automount}
---
`;
    const model = analyzeClusters(
      { a: account('automountServiceAccountToken: false') + deployment('shop', 'web', 'app'), b: account('') + deployment('shop', 'web', 'app') },
      { onlyRules: ['service-account-token-automount'] },
    );
    expect(model.findings.map((finding) => [clusterOf(finding), finding.messageId])).toEqual([['b', 'accountDefault']]);
    expect(model.findings[0].related.map((ref) => ref.cluster)).toEqual(['b']);
  });

  it("judges what a cluster lacks per cluster: Falco in one does not cover the other", () => {
    const falco = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: falco, namespace: kube-system }
spec:
  selector: { matchLabels: { app: falco } }
  template:
    metadata: { labels: { app: falco } }
    spec:
      containers:
        - { name: falco, image: "falcosecurity/falco:0.39.0" }
---
`;
    const model = analyzeClusters({ a: falco + deployment('shop', 'web'), b: deployment('kube-system', 'coredns') + deployment('shop', 'web') }, { onlyRules: ['runtime-detection-missing'] });
    expect(model.findings.map((finding) => `${finding.object.kind}/${finding.object.name}`)).toEqual(['Cluster/b']);
    expect(clusterOf(model.findings[0])).toBe('b');
    const runtimeDetection = model.controls.find((entry) => entry.boundary === 'cluster')!.controls.filter((row) => row.control === 'runtime-detection');
    expect(runtimeDetection.map((row) => [row.scope, row.status])).toEqual([
      ['a:cluster', 'present'],
      ['b:cluster', 'missing'],
    ]);
  });
});

describe('the merged model', () => {
  const both = { a: podThen + deployment('shop', 'web'), b: pod };

  it("names each attack path's cluster, and keeps the paths of every cluster", () => {
    const model = analyzeClusters(both);
    const paths = model.attackPaths ?? [];
    expect(new Set(paths.map((path) => path.fromId.split(':')[0]))).toEqual(new Set(['a', 'b']));
    for (const path of paths) {
      const cluster = path.fromId.split(':')[0];
      expect(path.toId.startsWith(`${cluster}:`)).toBe(true);
      expect(path.from.startsWith(`${cluster}: `) && path.to.startsWith(`${cluster}: `)).toBe(true);
      expect(path.id).toBe(`${path.fromId}=>${path.toId}`);
      // A path never leaves its cluster.
      const evidenceClusters = path.steps.flatMap((step) => step.evidence.map((evidence) => evidence.object.cluster));
      expect(evidenceClusters.every((name) => name === cluster)).toBe(true);
    }
    expect(paths.length).toBeLessThanOrEqual(10);
    expect(paths.map((path) => path.score)).toEqual([...paths.map((path) => path.score)].sort((x, y) => y - x));
    // Each cluster's graph, counted together; a note both graphs make is said once.
    const alone = analyzeClusters({ b: pod }).attackGraph!;
    expect(model.attackGraph!.nodes).toBe(analyzeClusters({ a: both.a }).attackGraph!.nodes + alone.nodes);
    expect(new Set(model.attackGraph!.notes).size).toBe(model.attackGraph!.notes.length);
  });

  it('names namespaces, pools and control scopes after their cluster, and keeps cells across clusters empty', () => {
    const model = analyzeClusters(both, { onlyRules: ['privileged-container'] });
    expect(model.scope.namespaces).toEqual(['a:shop', 'a:tools', 'b:tools']);
    expect(model.scope.workloads).toBe(3);
    expect(model.workloads.map((workload) => workload.object.cluster)).toEqual(['a', 'a', 'b']);
    expect(model.nodeBoundary.pools.map((pool) => pool.name)).toEqual(['a: any node', 'b: any node']);
    expect(model.controls.find((entry) => entry.boundary === 'pod')!.controls.filter((row) => row.control === 'pod-security-admission').map((row) => row.scope)).toEqual([
      'a:shop',
      'a:tools',
      'b:tools',
    ]);
    const matrix = model.network!.namespaceMatrix;
    expect(matrix.namespaces).toEqual(['a:shop', 'a:tools', 'b:tools']);
    expect(matrix.cells[0][2]).toBe('none');
    expect(matrix.cells[2][0]).toBe('none');
    expect(matrix.cells[0][1]).toBe('all');
  });

  it('orders findings as one sort would, and counts them together', () => {
    const model = analyzeClusters(both);
    expect(model.findings).toEqual([...model.findings].sort(compareFindings));
    expect(model.summary.total).toBe(model.findings.length);
    expect(new Set(model.findings.map(clusterOf))).toEqual(new Set(['a', 'b']));
  });

  it('says input problems once, and keeps each cluster its own', () => {
    const loaded: InputProblem = { severity: 'warning', file: 'a.yaml', line: 3, message: 'a problem of the loader' };
    const unlisted: InputProblem = { severity: 'warning', file: '<cluster b>', message: 'networkpolicies could not be listed', unlisted: 'networkpolicies.networking.k8s.io' };
    const model = analyzeClusters({ a: pod, b: podThen + pod }, { onlyRules: ['privileged-container', 'network-policy-missing'] }, [loaded, unlisted]);
    const messages = model.problems.map((problem) => problem.message);
    expect(messages.filter((message) => message === loaded.message)).toHaveLength(1);
    expect(messages.filter((message) => message.startsWith('rule network-policy-missing did not run'))).toHaveLength(1);
    // The duplicate Pod of cluster b is said, once.
    expect(messages.filter((message) => message.startsWith('duplicate object b:Pod/tools/debug'))).toHaveLength(1);
  });

  it('settles accepted risks once: one that names a finding of one cluster is not stale in another', () => {
    const acceptance = { rule: 'privileged-container', object: 'a:Pod/tools/debug', reason: 'debug pod', expires: '2026-12-31', source: { file: '.kubethreat.yaml', line: 1, column: 1, via: 'config' as const } };
    const model = analyzeClusters({ a: pod, b: pod }, { onlyRules: ['privileged-container'], acceptances: [acceptance] });
    expect(model.accepted?.map(clusterOf)).toEqual(['a']);
    expect(model.findings.map(clusterOf)).toEqual(['b']);
    expect(model.problems.filter((problem) => problem.message.includes('matches no finding'))).toEqual([]);
  });

  it('names nothing after the cluster when the input names only one', () => {
    const model = analyzeClusters({ a: podThen + deployment('shop', 'web') });
    expect(model.scope.clusters).toEqual(['a']);
    expect(model.scope.namespaces).toEqual(['shop', 'tools']);
    expect(model.nodeBoundary.pools.map((pool) => pool.name)).toEqual(['any node']);
    expect(model.controls.find((entry) => entry.boundary === 'cluster')!.controls.every((row) => row.scope === 'cluster')).toBe(true);
    expect(model.network!.namespaceMatrix.namespaces).toEqual(['shop', 'tools']);
    const unnamed = analyze({ objects: parseManifestText(podThen + deployment('shop', 'web'), 'a.yaml').objects, now: NOW, toolVersion: 'test' });
    expect(model.attackPaths!.map((path) => [path.from, path.to])).toEqual(unnamed.attackPaths!.map((path) => [path.from, path.to]));
    expect(model.findings.map((finding) => [finding.ruleId, finding.object.name, finding.risk])).toEqual(unnamed.findings.map((finding) => [finding.ruleId, finding.object.name, finding.risk]));
  });
});

it('analyses objects that name no cluster, beside named ones, as a cluster of their own', () => {
  const objects = [...parseManifestText(pod, 'files.yaml').objects, ...parseManifestText(pod, 'a.yaml', { cluster: 'a' }).objects];
  const model = analyze({ objects, options: { onlyRules: ['privileged-container'] }, now: NOW, toolVersion: 'test' });
  expect(model.scope.clusters).toEqual(['a']);
  expect(model.scope.namespaces).toEqual(['(unnamed):tools', 'a:tools']);
  expect(model.findings.map(clusterOf)).toEqual([undefined, 'a']);
});

it('calls afterRules once per cluster, where the CLI collects garbage on a large input', () => {
  const objects = ['staging', 'prod'].flatMap((cluster) => parseManifestText(pod, `${cluster}.yaml`, { cluster }).objects);
  const calls: number[] = [];
  const model = analyze({ objects, now: new Date(0), toolVersion: 'test', afterRules: () => calls.push(calls.length) });
  expect(calls).toEqual([0, 1]);
  expect(model.findings.length).toBeGreaterThan(0);
});

describe('each cluster at its own Kubernetes version', () => {
  // A namespace that enforces baseline, and a pod whose probe connects to a host: refused by baseline from v1.34 only.
  const estate = `apiVersion: v1
kind: Namespace
metadata:
  name: tools
  labels:
    pod-security.kubernetes.io/enforce: baseline
---
apiVersion: v1
kind: Pod
metadata:
  name: prober
  namespace: tools
spec:
  containers:
    - name: app
      image: busybox:1.36
      readinessProbe:
        httpGet: { host: 10.0.0.1, port: 80 }
`;
  const objects = ['old', 'new'].flatMap((cluster) => parseManifestText(estate, `${cluster}.yaml`, { cluster }).objects);
  const versions = new Map([
    ['old', 'v1.33.5-eks-2a5b3c'],
    ['new', 'v1.34.1'],
  ]);
  const rejected = (model: ThreatModel): Array<string | undefined> => model.findings.filter((finding) => finding.ruleId === 'pss-enforce-violation').map((finding) => finding.object.cluster);

  it('judges Pod Security latest by what each API server reported', () => {
    const model = analyze({ objects, options: { onlyRules: ['pss-enforce-violation'] }, kubernetesVersions: versions, now: new Date(0), toolVersion: 'test' });
    expect(rejected(model)).toEqual(['new']);
    expect(model.scope.kubernetesVersions).toEqual([
      { cluster: 'new', version: 'v1.34.1', from: 'server' },
      { cluster: 'old', version: 'v1.33.5-eks-2a5b3c', from: 'server' },
    ]);
    expect(model.problems).toEqual([]);
  });

  it('takes --kubernetes-version for every cluster over what the servers said', () => {
    const model = analyze({ objects, options: { onlyRules: ['pss-enforce-violation'], kubernetesVersion: 'v1.33' }, kubernetesVersions: versions, now: new Date(0), toolVersion: 'test' });
    expect(rejected(model)).toEqual([]);
    expect(model.scope.kubernetesVersions?.map((used) => used.from)).toEqual(['flag', 'flag']);
  });

  it("falls back on the config file's version for a cluster whose API server said none", () => {
    const model = analyze({ objects, options: { onlyRules: ['pss-enforce-violation'], defaultKubernetesVersion: 'v1.33' }, kubernetesVersions: new Map([['new', 'v1.34.1']]), now: new Date(0), toolVersion: 'test' });
    expect(rejected(model)).toEqual(['new']);
    expect(model.scope.kubernetesVersions).toEqual([
      { cluster: 'new', version: 'v1.34.1', from: 'server' },
      { cluster: 'old', version: 'v1.33', from: 'config' },
    ]);
  });

  it('says no version when nothing said one, and judges by the newest policy', () => {
    const model = analyze({ objects, options: { onlyRules: ['pss-enforce-violation'] }, now: new Date(0), toolVersion: 'test' });
    expect(model.scope.kubernetesVersions).toBeUndefined();
    expect(rejected(model).sort()).toEqual(['new', 'old']);
  });

  it('notes a cluster newer than the Pod Security checks kubethreat knows', () => {
    const model = analyze({ objects, options: { onlyRules: ['pss-enforce-violation'] }, kubernetesVersions: new Map([['new', 'v1.99.0']]), now: new Date(0), toolVersion: 'test' });
    expect(model.problems).toEqual([
      expect.objectContaining({ severity: 'notice', file: '<cluster new>', cluster: 'new', message: expect.stringContaining('Kubernetes v1.99.0 is newer than the Pod Security Standards this kubethreat knows') }),
    ]);
  });
});
