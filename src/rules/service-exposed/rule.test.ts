import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const workload = (name: string, extraSpec = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
${extraSpec}      containers: [{ name: c, image: i:1 }]
`;
const loadBalancer = (name: string): string => `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: shop }
spec: { type: LoadBalancer, selector: { app: ${name} }, ports: [{ port: 80 }] }
`;

describe('service-exposed', () => {
  it('is medium for an exposed pod that accepts any source, high when the pod can also reach its node', () => {
    const findings = findingsOf('service-exposed', [workload('web'), loadBalancer('web'), workload('agent', '      hostPID: true\n'), loadBalancer('agent')].join('---\n'));
    const bySubject = Object.fromEntries(findings.map((finding) => [finding.object.name, finding]));
    expect(bySubject.web.severity).toBe('medium');
    expect(bySubject.web.message).toBe('Deployment shop/web is exposed outside the cluster through Service web (type: LoadBalancer), and its pods accept connections from any source.');
    expect(bySubject.agent.severity).toBe('high');
    expect(bySubject.agent.message).toContain('a compromised pod can reach its node');
    expect(bySubject.web.related.map((ref) => `${ref.kind}/${ref.name}`)).toEqual(['Service/web']);
  });

  it('is high when the exposed pod holds a token with the account\'s own powerful grants, not for what every identity has', () => {
    const account = (name: string) => `apiVersion: v1
kind: ServiceAccount
metadata: { name: ${name}, namespace: shop }
`;
    const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: deployer-edits, namespace: shop }
subjects: [{ kind: ServiceAccount, name: deployer }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin }
`;
    const findings = findingsOf(
      'service-exposed',
      [workload('deployer', '      serviceAccountName: deployer\n'), loadBalancer('deployer'), account('deployer'), binding, workload('web', '      serviceAccountName: web\n'), loadBalancer('web'), account('web')].join('---\n'),
    );
    const bySubject = Object.fromEntries(findings.map((finding) => [finding.object.name, finding]));
    expect(bySubject.deployer.severity).toBe('high');
    expect(bySubject.deployer.message).toContain('a compromised pod holds a token with Secret-reading permissions');
    expect(bySubject.web.severity).toBe('medium');
  });

  it('is low when the pods admit only listed sources, naming the isolating policies', () => {
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: from-ingress-controller, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress:
    - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ingress-nginx } } }]
`;
    const [finding] = findingsOf('service-exposed', [workload('web'), loadBalancer('web'), policy].join('---\n'));
    expect(finding.severity).toBe('low');
    expect(finding.message).toContain('NetworkPolicy shop/from-ingress-controller admit only listed sources');
  });

  it('reports a NodePort Service without selector on the Service itself, at spec.type', () => {
    const [finding] = findingsOf('service-exposed', 'apiVersion: v1\nkind: Service\nmetadata: { name: app }\nspec: { type: NodePort }\n');
    expect(finding.object).toMatchObject({ kind: 'Service', name: 'app' });
    expect(finding.path).toBe('spec.type');
    expect(finding.message).toBe('Service default/app is exposed outside the cluster (type: NodePort), and it has no selector: whatever its Endpoints name receives the traffic.');
  });
});
