import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';
import { placementOf } from '../../boundaries/node-pools.js';
import { parseManifestText } from '../../load/parse-text.js';
import { buildEstate } from '../../model/estate.js';

const deployment = (spec: string): string => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: shop }
spec:
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec:
      ${spec}
      containers: [{ name: app, image: ghcr.io/acme/app:1.0.0 }]
`;

const verdict = (spec: string): string[] => findingsOf('control-plane-scheduling', deployment(spec)).map((finding) => `${finding.severity} ${finding.path}`);

describe('control-plane-scheduling', () => {
  it('opens the control plane only with tolerations of its NoSchedule taint', () => {
    expect(verdict('tolerations: [{ operator: Exists }]')).toEqual(['medium spec.template.spec.tolerations[0]']);
    expect(findingsOf('control-plane-scheduling', deployment('tolerations: [{ operator: Exists }]').replace('kind: Deployment', 'kind: DaemonSet')).map((finding) => finding.severity)).toEqual(['low']);
    expect(verdict('tolerations: [{ operator: Exists, effect: NoExecute }]')).toEqual([]);
    expect(verdict('tolerations: [{ key: node-role.kubernetes.io/control-plane, operator: Exists, effect: PreferNoSchedule }]')).toEqual([]);
    expect(verdict('tolerations: [{ key: dedicated, operator: Exists }]')).toEqual([]);
  });

  it('is low when the workload only asks for control-plane nodes, since their taint keeps it Pending', () => {
    expect(verdict('nodeSelector: { node-role.kubernetes.io/master: "" }')).toEqual(['low spec.template.spec.nodeSelector["node-role.kubernetes.io/master"]']);
    expect(verdict('nodeSelector: { node-role.kubernetes.io/master: "" }\n      tolerations: [{ key: node-role.kubernetes.io/master, effect: NoSchedule }]')).toEqual([
      'medium spec.template.spec.tolerations[0]',
    ]);
  });

  it('tells the placement summary about every term of the required node affinity', () => {
    const [object] = parseManifestText(
      deployment(`affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchExpressions: [{ key: zone, operator: In, values: [a] }] },
        { matchExpressions: [{ key: kubernetes.io/os, operator: In, values: [linux] }, { key: node-role.kubernetes.io/control-plane, operator: Exists }] } ] } } }`),
      'test.yaml',
    ).objects;
    const [workload] = buildEstate([object]).workloads;
    expect(placementOf(workload).controlPlane).toBe(true);
  });
});
