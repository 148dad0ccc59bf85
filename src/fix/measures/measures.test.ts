import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../engine/options.js';
import { parseManifestText } from '../../load/parse-text.js';
import { buildEstate } from '../../model/estate.js';
import { referencedHosts } from './hosts.js';
import { runMeasures } from './index.js';
import { podSecurityLabels } from './pod-security-labels.js';
import { limitRanges, resourceQuotas } from './resource-budgets.js';
import { serviceAccounts } from './service-accounts.js';
import type { Measure } from './types.js';

function run(measures: Measure[], text: string, level: 'baseline' | 'restricted' = 'restricted', options: Partial<typeof DEFAULT_OPTIONS> = {}) {
  const estate = buildEstate(parseManifestText(text, 'estate.yaml').objects);
  return runMeasures(measures, { estate, options: { ...DEFAULT_OPTIONS, ...options }, level });
}

const HARDENED = (namespace: string, name = 'web') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      serviceAccountName: ${name}
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: app
          image: app:1
          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 200m, memory: 256Mi}}
`;
const PRIVILEGED = (namespace: string) => `apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: ${namespace}}
spec:
  containers: [{name: agent, image: agent:1, securityContext: {privileged: true}}]
`;
const NAMESPACE = (name: string, labels = '{}') => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${labels}}\n`;

describe('Pod Security labels', () => {
  it('enforce, audit and warn the strictest level every workload meets, pinned to the newest policy', () => {
    const result = run([podSecurityLabels], `${NAMESPACE('shop')}---\n${HARDENED('shop')}`);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0].edits.map((edit) => (edit.op === 'set' ? `${edit.path.at(-1)}=${String(edit.value)}` : ''))).toEqual([
      'pod-security.kubernetes.io/enforce=restricted',
      'pod-security.kubernetes.io/enforce-version=v1.37',
      'pod-security.kubernetes.io/audit=restricted',
      'pod-security.kubernetes.io/audit-version=v1.37',
      'pod-security.kubernetes.io/warn=restricted',
      'pod-security.kubernetes.io/warn-version=v1.37',
    ]);
  });

  it('stop at baseline with --level baseline, and set nothing where a workload needs privileged (saying which)', () => {
    const baseline = run([podSecurityLabels], `${NAMESPACE('shop')}---\n${HARDENED('shop')}`, 'baseline');
    expect(baseline.changes[0].edits[0]).toMatchObject({ value: 'baseline' });
    const privileged = run([podSecurityLabels], `${NAMESPACE('ops')}---\n${PRIVILEGED('ops')}`);
    expect(privileged.changes).toEqual([]);
    expect(privileged.notes).toEqual([expect.stringContaining('namespace ops: no Pod Security label is set, because Pod ops/agent needs the privileged level')]);
  });

  it("judge the workloads' pods as they run: a sidecar added at admission that needs privileged keeps the label off", () => {
    const deployment = HARDENED('shop').replace('metadata: {name: web, namespace: shop}', 'metadata: {name: web, namespace: shop, uid: d-1}');
    // Istio's init container, injected into the Deployment's Pod: NET_ADMIN is outside even the baseline.
    const meshedPod = `apiVersion: v1
kind: Pod
metadata: {name: web-x1, namespace: shop, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true}]}
spec:
  initContainers: [{name: istio-init, image: docker.io/istio/proxyv2:1.22.3, securityContext: {capabilities: {add: [NET_ADMIN, NET_RAW]}}}]
  containers: [{name: app, image: app:1}]
`;
    const meshed = run([podSecurityLabels], `${NAMESPACE('shop')}---\n${deployment}---\n${meshedPod}`);
    expect(meshed.changes).toEqual([]);
    expect(meshed.notes).toEqual([expect.stringContaining('namespace shop: no Pod Security label is set, because Deployment shop/web needs the privileged level')]);
    expect(run([podSecurityLabels], `${NAMESPACE('shop')}---\n${deployment}`).changes[0].edits[0]).toMatchObject({ value: 'restricted' });
  });

  it('never lower what a namespace enforces, and only re-pin a stale version', () => {
    const stricter = run([podSecurityLabels], `${NAMESPACE('ops', '{pod-security.kubernetes.io/enforce: restricted}')}---\n${PRIVILEGED('ops')}`);
    expect(stricter.changes).toEqual([]);
    const stale = run([podSecurityLabels], `${NAMESPACE('shop', '{pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: v1.24, pod-security.kubernetes.io/audit: restricted, pod-security.kubernetes.io/warn: restricted}')}---\n${HARDENED('shop')}`);
    expect(stale.changes[0].edits).toEqual([{ op: 'set', path: ['metadata', 'labels', 'pod-security.kubernetes.io/enforce-version'], value: 'v1.37' }]);
  });

  it("pin the cluster's version when it is known, judging the workloads at it", () => {
    const pinnedTo = (options: Partial<typeof DEFAULT_OPTIONS>): unknown => run([podSecurityLabels], `${NAMESPACE('shop')}---\n${HARDENED('shop')}`, 'restricted', options).changes[0].edits[1];
    expect(pinnedTo({ kubernetesVersion: 'v1.33.4-eks-2a5b3c' })).toMatchObject({ path: ['metadata', 'labels', 'pod-security.kubernetes.io/enforce-version'], value: 'v1.33' });
    expect(pinnedTo({ defaultKubernetesVersion: 'v1.31' })).toMatchObject({ value: 'v1.31' });
    expect(pinnedTo({ kubernetesVersion: 'v1.99' })).toMatchObject({ value: 'v1.37' });
  });

  it('declare a namespace the input does not, so that its labels have somewhere to go', () => {
    const result = run([podSecurityLabels], HARDENED('shop'));
    expect(result.objects.map((object) => object.manifest)).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: expect.objectContaining({ 'pod-security.kubernetes.io/enforce': 'restricted' }) } },
    ]);
  });
});

describe('LimitRange and ResourceQuota', () => {
  const estate = `${HARDENED('shop')}---\napiVersion: v1\nkind: Pod\nmetadata: {name: tool, namespace: shop}\nspec:\n  containers: [{name: tool, image: tool:1}]\n`;

  it('default the containers that declare nothing like their most modest neighbour, limited like the largest (at least 500m/512Mi)', () => {
    const [range] = run([limitRanges, resourceQuotas], estate).objects;
    expect(range.manifest.spec).toEqual({ limits: [{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } }] });
  });

  it('budget the namespace: requests and limits per pod (defaults filling gaps) × replicas, × 1.5', () => {
    const quota = run([limitRanges, resourceQuotas], estate).objects.find((object) => object.manifest.kind === 'ResourceQuota');
    // requests: 2 × 100m + 100m = 300m → 450m → 500m; memory 2 × 128Mi + 128Mi = 384Mi → 576Mi.
    // limits: 2 × 200m + 500m = 900m → 1350m → 1400m; memory 2 × 256Mi + 512Mi = 1Gi → 1536Mi. Pods: 3 → 5.
    expect(quota?.manifest.spec).toEqual({ hard: { 'requests.cpu': '500m', 'requests.memory': '576Mi', 'limits.cpu': '1400m', 'limits.memory': '1536Mi', pods: '5' } });
  });

  it('count an autoscaler at its maximum, and leave out of the quota what no LimitRange fills in', () => {
    const scaled = `${estate}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: shop}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 10}\n`;
    const result = run([resourceQuotas], scaled);
    // No LimitRange made beside it: the tool pod declares nothing, so a cpu or memory quota would refuse it.
    expect(result.objects[0].manifest.spec).toEqual({ hard: { pods: '17' } });
    expect(result.notes).toEqual([expect.stringContaining('leaves out requests.cpu, requests.memory, limits.cpu, limits.memory')]);
  });

  it('leave a namespace alone that has one already', () => {
    const withQuota = `${estate}---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: shop}\nspec: {hard: {pods: "10"}}\n`;
    expect(run([resourceQuotas], withQuota).objects).toEqual([]);
  });
});

describe('service accounts', () => {
  const onDefault = (namespace: string, name = 'web') => HARDENED(namespace, name).replace(`      serviceAccountName: ${name}\n`, '');

  it('give a workload on the default account an account of its own, without a token, and point the workload at it', () => {
    const result = run([serviceAccounts], onDefault('shop'));
    expect(result.objects.map((object) => object.manifest)).toEqual([{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'shop' }, automountServiceAccountToken: false }]);
    expect(result.changes[0].edits).toEqual([{ op: 'set', path: ['spec', 'template', 'spec', 'serviceAccountName'], value: 'web' }]);
  });

  it('take another name when an account of that name exists, and do nothing when a binding grants the default account something', () => {
    const taken = run([serviceAccounts], `${onDefault('shop')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n`);
    expect(taken.objects[0].manifest.metadata).toEqual({ name: 'web-deployment', namespace: 'shop' });
    const granted = run([serviceAccounts], `${onDefault('shop')}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: default, namespace: shop}]\n`);
    expect(granted.objects).toEqual([]);
    expect(granted.notes).toEqual([expect.stringContaining('keeps service account shop/default: a binding in the input grants that account permissions')]);
  });
});

describe('referencedHosts', () => {
  it('finds hosts in URLs, host:port pairs and host variables, and not in ordinary values', () => {
    const estate = buildEstate(
      parseManifestText(
        `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {REDIS_ADDR: "redis:6379", LOG_LEVEL: info, DATABASE_NAME: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: app, namespace: shop}
spec:
  containers:
    - name: app
      image: app:1
      args: ["--upstream=http://api.shop.svc.cluster.local:8080/v1", "--verbose"]
      envFrom: [{configMapRef: {name: settings}}]
      env:
        - {name: QUEUE_HOST, value: rabbitmq}
        - {name: GREETING, value: hello}
        - {name: SMTP, value: "smtp.example.com:587"}
`,
        'app.yaml',
      ).objects,
    );
    const hosts = referencedHosts(estate, estate.workloads[0]).map((reference) => `${reference.host}${reference.port ? `:${reference.port}` : ''} (${reference.where})`);
    expect(hosts.sort()).toEqual(['api.shop.svc.cluster.local:8080 (args)', 'rabbitmq (env QUEUE_HOST)', 'redis:6379 (ConfigMap settings, key REDIS_ADDR)', 'smtp.example.com:587 (env SMTP)']);
  });
});
