import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const namespace = (labels: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: apps
  labels:
${labels}
---
`;

const rootDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apps
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
`;

describe('pss-enforce-violation', () => {
  it('says a controller is accepted but its pods are rejected, names the controls and points at the offending field', () => {
    const findings = findingsOf('pss-enforce-violation', namespace('    pod-security.kubernetes.io/enforce: baseline') + rootDeployment);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('is accepted, but every pod it creates is rejected by the baseline level');
    expect(findings[0].message).toContain('privileged');
    expect(findings[0].path).toBe('spec.template.spec.containers[0].securityContext.privileged');
    expect(findings[0].location.line).toBe(24);
    expect(findings[0].related).toEqual([{ apiVersion: 'v1', kind: 'Namespace', name: 'apps' }]);
  });

  it("judges the containers admission adds to the workload's pods, as Pod Security Admission does after the mutating webhooks", () => {
    const plainDeployment = rootDeployment.replace('          securityContext:\n            privileged: true\n', '').replace('  name: web\n  namespace: apps\n', '  name: web\n  namespace: apps\n  uid: d-1\n');
    // Istio's init container, injected into the Deployment's Pod: NET_ADMIN is outside the baseline capabilities.
    const meshedPod = `---
apiVersion: v1
kind: Pod
metadata:
  name: web-5f7d-x2
  namespace: apps
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true }]
spec:
  initContainers:
    - name: istio-init
      image: docker.io/istio/proxyv2:1.22.0
      securityContext: { capabilities: { add: [NET_ADMIN, NET_RAW] } }
  containers:
    - name: web
      image: nginx:1.27
`;
    const findings = findingsOf('pss-enforce-violation', namespace('    pod-security.kubernetes.io/enforce: baseline') + plainDeployment + meshedPod);
    expect(findings.map((finding) => [finding.object.name, finding.container, finding.path])).toEqual([['web', 'istio-init', 'spec.initContainers[0].securityContext.capabilities.add[0]']]);
    expect(findings[0].message).toMatch(/^Deployment apps\/web's template meets the baseline level \(latest\) that namespace apps enforces, but container istio-init, which admission adds to its pods, breaks it \(capabilities_baseline\)/);
    // Without the injected Pod, the template alone passes.
    expect(findingsOf('pss-enforce-violation', namespace('    pod-security.kubernetes.io/enforce: baseline') + plainDeployment)).toEqual([]);
  });

  it('judges at the pinned version: a probe host is allowed by baseline v1.33 and rejected from v1.34', () => {
    const probe = rootDeployment.replace('          securityContext:\n            privileged: true\n', '          readinessProbe:\n            httpGet: { host: 10.0.0.1, port: 80, path: / }\n');
    const at = (version: string) =>
      findingsOf('pss-enforce-violation', namespace(`    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: ${version}`) + probe);
    expect(at('v1.33')).toHaveLength(0);
    expect(at('v1.34')).toHaveLength(1);
  });

  it("reads latest, and a pin newer than the cluster, as the cluster's own release (--kubernetes-version, or a live cluster's)", () => {
    const probe = rootDeployment.replace('          securityContext:\n            privileged: true\n', '          readinessProbe:\n            httpGet: { host: 10.0.0.1, port: 80, path: / }\n');
    const at = (version: string, kubernetesVersion?: string) =>
      findingsOf(
        'pss-enforce-violation',
        namespace(`    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: ${version}`) + probe,
        kubernetesVersion === undefined ? {} : { kubernetesVersion },
      );
    // Unknown cluster: latest is the newest policy kubethreat knows, which refuses the probe host.
    expect(at('latest')).toHaveLength(1);
    // A v1.33 API server has no such check, at latest or at a pin it does not know yet.
    expect(at('latest', 'v1.33.4-eks-2a5b3c')).toHaveLength(0);
    expect(at('v1.35', 'v1.33.4')).toHaveLength(0);
    const onNewer = at('latest', 'v1.34.1');
    expect(onNewer).toHaveLength(1);
    expect(onNewer[0].message).toContain('the baseline level (latest, which is v1.34 on this cluster)');
  });

  it('says nothing on a cluster that predates Pod Security Admission (before v1.23): no label is enforced there', () => {
    const text = namespace('    pod-security.kubernetes.io/enforce: baseline') + rootDeployment;
    expect(findingsOf('pss-enforce-violation', text, { kubernetesVersion: 'v1.21.14' })).toEqual([]);
    expect(findingsOf('pss-enforce-violation', text, { kubernetesVersion: 'v1.23.0' })).toHaveLength(1);
  });

  it('does not judge a namespace that only warns', () => {
    expect(findingsOf('pss-enforce-violation', namespace('    pod-security.kubernetes.io/warn: restricted') + rootDeployment)).toHaveLength(0);
  });
});
