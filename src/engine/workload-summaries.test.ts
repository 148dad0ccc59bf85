import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { parseManifestText } from '../load/parse-text.js';
import { objectKey } from '../model/object.js';

const ESTATE = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: agent, namespace: ops }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      hostPID: true
      containers:
        - name: agent
          image: agent:1
          securityContext: { privileged: true }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      nodeSelector: { pool: frontend }
      containers:
        - name: web
          image: web:1
---
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop }
spec:
  containers:
    - { name: debug, image: busybox }
`;

describe('workload summaries', () => {
  const model = analyze({ objects: parseManifestText(ESTATE, 'estate.yaml').objects, now: new Date(0), toolVersion: 'test', options: { includePlatform: true } });
  const summary = (name: string) => model.workloads.find((workload) => workload.object.name === name)!;

  it('counts every finding of each workload, as the findings list has them', () => {
    for (const workload of model.workloads) {
      const own = [...model.findings, ...(model.accepted ?? [])].filter((finding) => objectKey(finding.object) === objectKey(workload.object));
      expect(workload.findings, workload.object.name).toBe(own.length);
      expect(workload.findings, workload.object.name).toBeGreaterThan(0);
    }
  });

  it('names, once each and sorted, the rules whose findings let the pods reach the node', () => {
    expect(summary('agent').nodeEscapes).toEqual(['host-pid', 'privileged-container']);
    expect(summary('web').nodeEscapes).toEqual([]);
    expect(summary('debug').nodeEscapes).toEqual([]);
  });

  it('lists workloads in key order, and puts each into the node pool its placement selects', () => {
    const keys = model.workloads.map((workload) => objectKey(workload.object));
    expect(keys).toEqual([...keys].sort());
    const pools = model.nodeBoundary.pools;
    const poolOf = (name: string) => pools.find((pool) => pool.workloads.some((entry) => entry.object.name === name));
    expect(poolOf('web')?.name).not.toBe(poolOf('agent')?.name);
    expect(poolOf('agent')?.workloads.find((entry) => entry.object.name === 'agent')?.nodeEscapes).toEqual(['host-pid', 'privileged-container']);
  });
});
