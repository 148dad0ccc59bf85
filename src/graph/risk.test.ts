import { describe, expect, it } from 'vitest';
import { analyzeText } from '../testing/scan-text.js';
import type { Finding } from '../engine/finding.js';
import { RISK_MATRIX, workloadNodes } from './risk.js';
import { graphOfText } from './testing.js';
import { workloadId } from './nodes.js';

const KUBE_SYSTEM_ADMIN = `apiVersion: apps/v1
kind: Deployment
metadata: { name: ops-toolbox, namespace: kube-system }
spec:
  selector: { matchLabels: { app: ops-toolbox } }
  template:
    metadata: { labels: { app: ops-toolbox } }
    spec:
      serviceAccountName: ops-admin
      containers: [{ name: shell, image: kubectl:1.31 }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ops-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: ops-admin, namespace: kube-system }]
`;

/** The same privileged container; only what surrounds it changes. */
function privilegedApp(spec: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
${spec}      containers:
        - name: app
          image: app:1.0
          securityContext: { privileged: true }
`;
}

const EXPOSED = [
  privilegedApp(''),
  `apiVersion: v1
kind: Service
metadata: { name: app, namespace: web }
spec: { type: LoadBalancer, selector: { app: web }, ports: [{ port: 80 }] }
`,
  KUBE_SYSTEM_ADMIN,
].join('---\n');

// Its own node pool, no Service, no token, and a policy that admits no ingress: nothing reaches it.
const ISOLATED = [
  privilegedApp('      automountServiceAccountToken: false\n      nodeSelector: { pool: sandbox }\n'),
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-all, namespace: web }
spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
`,
  KUBE_SYSTEM_ADMIN,
].join('---\n');

function privilegedFinding(text: string): Finding {
  const finding = analyzeText(text).findings.find((entry) => entry.ruleId === 'privileged-container' && entry.object.name === 'app');
  expect(finding?.risk).toBeDefined();
  return finding!;
}

describe('risk of a finding', () => {
  it('ranks the same privileged pod higher when exposed and sharing nodes with kube-system than when nothing reaches it', () => {
    const exposed = privilegedFinding(EXPOSED).risk!;
    const isolated = privilegedFinding(ISOLATED).risk!;
    expect(exposed).toMatchObject({ likelihood: 4, impact: 4, score: 16, level: 'critical' });
    expect(isolated).toMatchObject({ likelihood: 1, impact: 3, score: 3, level: 'low' });
    expect(exposed.score).toBeGreaterThan(isolated.score);
    expect(exposed.reasons[0]).toMatch(/^reachable from the internet directly \(exploit an exposed workload, Service web\/app: type: LoadBalancer/);
    expect(exposed.reasons[1]).toMatch(/reaches cluster-admin in 3 steps$/);
    expect(isolated.reasons).toEqual(['no entry point reaches it: only a compromise of the object itself does', 'leads to a position that is a node of pool "nodes with pool=sandbox"']);
  });

  it('judges a weakness that opens no attack step by its severity, and its likelihood by where it sits', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: app, namespace: web, labels: { app: web } }
spec:
  automountServiceAccountToken: false
  containers: [{ name: app, image: app:latest, ports: [{ containerPort: 8080 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: app, namespace: web }
spec: { type: LoadBalancer, selector: { app: web }, ports: [{ port: 80, targetPort: 8080 }] }
`;
    const latest = analyzeText(text).findings.find((entry) => entry.ruleId === 'image-latest-tag')!;
    expect(latest.risk?.likelihood).toBe(4);
    expect(latest.risk?.reasons[1]).toBe(`${latest.severity} severity: not a step of any attack path`);
    expect(latest.risk?.level).toBe(RISK_MATRIX[latest.risk!.impact][3]);
  });
});

describe('the position of a finding about a workload', () => {
  it('is the node its id names, found by the object without joining the id', () => {
    const deployment = (name: string, namespace: string, kind = 'Deployment'): string =>
      `apiVersion: apps/v1\nkind: ${kind}\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec:\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata: { labels: { app: ${name} } }\n    spec:\n      containers: [{ name: app, image: app:1.0 }]\n`;
    const { graph } = graphOfText([deployment('api', 'shop'), deployment('api', 'ops'), deployment('api', 'shop', 'StatefulSet'), deployment('web', 'shop')].join('---\n'));
    const table = workloadNodes(graph);
    const refs = [
      ...graph.nodes.filter((node) => node.kind === 'workload').map((node) => ({ ...node.object! })),
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'api' },
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'elsewhere', name: 'api' },
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api', cluster: 'east' },
    ];
    expect(refs.filter((ref) => table.get(ref) !== undefined)).toHaveLength(4);
    for (const ref of refs) expect([ref, table.get(ref)]).toEqual([ref, graph.nodeById(workloadId(ref))?.index]);
  });
});
