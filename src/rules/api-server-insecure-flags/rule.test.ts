import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';
import { graphOfText, hasEdge } from '../../graph/testing.js';

const apiServer = (...flags: string[]): string => `apiVersion: v1
kind: Pod
metadata: { name: kube-apiserver-cp-1, namespace: kube-system, labels: { component: kube-apiserver, tier: control-plane } }
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.6
      command:
        - kube-apiserver
${flags.map((flag) => `        - "${flag}"\n`).join('')}---
`;

describe('api-server-insecure-flags', () => {
  it('rates each flag by what it switches off, at the flag', () => {
    const findings = findingsOf('api-server-insecure-flags', apiServer('--authorization-mode=Node,RBAC,AlwaysAllow', '--insecure-port=8080', '--enable-admission-plugins=NodeRestriction,AlwaysAdmit', '--token-auth-file=/etc/kubernetes/tokens.csv'));
    expect(findings.map((finding) => [finding.messageId, finding.severity, finding.path])).toEqual([
      ['alwaysAllow', 'critical', 'spec.containers[0].command[1]'],
      ['insecurePort', 'critical', 'spec.containers[0].command[2]'],
      ['alwaysAdmit', 'high', 'spec.containers[0].command[3]'],
      ['tokenFile', 'high', 'spec.containers[0].command[4]'],
    ]);
    expect(findings[0].message).toBe('kube-apiserver authorizes every authenticated request: --authorization-mode includes AlwaysAllow (Node,RBAC,AlwaysAllow), so RBAC restricts nothing.');
  });

  it('says nothing of the insecure port switched off, nor of a managed control plane', () => {
    expect(findingsOf('api-server-insecure-flags', apiServer('--authorization-mode=Node,RBAC', '--insecure-port=0'))).toEqual([]);
    expect(findingsOf('api-server-insecure-flags', 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n')).toEqual([]);
  });
});

describe('Pod Security Admission switched off', () => {
  const restrictedNamespace = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { pod-security.kubernetes.io/enforce: restricted }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx:1.27, securityContext: { privileged: true } }]
`;

  it('is reported, and then no pod is said to be rejected by a namespace label', () => {
    const off = apiServer('--authorization-mode=Node,RBAC', '--disable-admission-plugins=PodSecurity');
    expect(findingsOf('api-server-insecure-flags', off + restrictedNamespace).map((finding) => finding.messageId)).toEqual(['podSecurityDisabled']);
    expect(findingsOf('pss-enforce-violation', restrictedNamespace)).toHaveLength(1);
    expect(findingsOf('pss-enforce-violation', off + restrictedNamespace)).toEqual([]);
  });

  it('lets the attack graph create a privileged pod in a namespace whose label would refuse it', () => {
    const privPod = (text: string): boolean => hasEdge(graphOfText(text).graph, 'namespace:shop', 'every-node', 'WL-CREATE-PRIV-POD');
    expect(privPod(restrictedNamespace)).toBe(false);
    expect(privPod(apiServer('--disable-admission-plugins=PodSecurity') + restrictedNamespace)).toBe(true);
  });
});
