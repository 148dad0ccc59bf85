import { expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { parseManifestText } from '../load/parse-text.js';

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
