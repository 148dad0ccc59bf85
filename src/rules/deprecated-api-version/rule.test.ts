import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const flowSchema = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata: { name: batch-jobs }
spec:
  priorityLevelConfiguration: { name: workload-low }
`;

describe('deprecated-api-version', () => {
  it('is low while the cluster still serves the version, medium once it does not, and medium when the version is unknown', () => {
    const at = (kubernetesVersion?: string) =>
      findingsOf('deprecated-api-version', flowSchema, kubernetesVersion === undefined ? {} : { kubernetesVersion }).map((finding) => [finding.severity, finding.message]);
    expect(at('v1.31.4')).toEqual([
      ['low', 'FlowSchema batch-jobs uses flowcontrol.apiserver.k8s.io/v1beta3, which the cluster (v1.31) still serves but Kubernetes v1.32 removes: use flowcontrol.apiserver.k8s.io/v1.'],
    ]);
    expect(at('1.32')).toEqual([['medium', 'FlowSchema batch-jobs uses flowcontrol.apiserver.k8s.io/v1beta3, which Kubernetes stopped serving in v1.32: use flowcontrol.apiserver.k8s.io/v1.']]);
    expect(at()).toEqual(at('1.32'));
  });

  it('judges the kind too: extensions/v1beta1 Ingress lived until v1.22, its Deployment until v1.16', () => {
    const text = `apiVersion: extensions/v1beta1
kind: Ingress
metadata: { name: web, namespace: shop }
---
apiVersion: extensions/v1beta1
kind: Deployment
metadata: { name: web, namespace: shop }
`;
    expect(findingsOf('deprecated-api-version', text, { kubernetesVersion: 'v1.20' }).map((finding) => [finding.object.kind, finding.severity, finding.path])).toEqual([
      ['Deployment', 'medium', 'apiVersion'],
      ['Ingress', 'low', 'apiVersion'],
    ]);
  });
});
