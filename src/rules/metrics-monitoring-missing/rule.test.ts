import { expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const deployment = (namespace: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${namespace}
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
`;

it("stays silent on one application's manifests, which never carry the platform", () => {
  expect(findingsOf('metrics-monitoring-missing', deployment('shop'))).toEqual([]);
});

it('reports on the estate as a whole, not on an object of it', () => {
  const findings = findingsOf('metrics-monitoring-missing', ['a', 'b', 'c'].map(deployment).join('---\n'));
  expect(findings).toHaveLength(1);
  expect(findings[0].object.kind).toBe('Cluster');
  expect(findings[0].persistence).toBe(true);
});

it('recognises a Prometheus run by the operator from its custom resource', () => {
  const prometheus = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: k8s
  namespace: monitoring
spec:
  replicas: 2
`;
  // The custom resource has no pod template, so it is not a workload; the operator deployment is.
  const operator = deployment('monitoring').replace('ghcr.io/acme/web:1.0.0', 'quay.io/prometheus-operator/prometheus-operator:v0.77.1');
  expect(findingsOf('metrics-monitoring-missing', [...['a', 'b', 'c'].map(deployment), prometheus, operator].join('---\n'))).toEqual([]);
});
