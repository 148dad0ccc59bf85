import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../load/parse-text.js';
import { buildEstate } from '../model/estate.js';
import type { Workload } from '../model/workload.js';
import { allowPrivilegeEscalationFix, dropAllCapabilitiesFix, readOnlyRootFilesystemFix, runAsNonRootFix, seccompRuntimeDefaultFix } from './container-fixes.js';

function workloadOf(spec: string): Workload {
  const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n${spec}`;
  return buildEstate(parseManifestText(text, 'pod.yaml').objects).workloads[0];
}

const CONTAINER = ['spec', 'containers', 0];

describe('container fixes', () => {
  it('drop ALL, and add NET_BIND_SERVICE back for a container that declares a port below 1024', () => {
    const workload = workloadOf('  containers: [{name: web, image: nginx:1, ports: [{containerPort: 80}, {containerPort: 8443}]}]\n');
    expect(dropAllCapabilitiesFix(workload.containers[0])).toEqual({
      edits: [
        { op: 'set', path: [...CONTAINER, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
        { op: 'append', path: [...CONTAINER, 'securityContext', 'capabilities', 'add'], value: 'NET_BIND_SERVICE' },
      ],
      notes: ['NET_BIND_SERVICE is added back: the container declares port 80, below 1024'],
    });
  });

  it('take privileged away with allowPrivilegeEscalation: false (the API server wants both), as a suggestion', () => {
    const workload = workloadOf('  containers: [{name: agent, image: a:1, securityContext: {privileged: true}}]\n');
    const fix = allowPrivilegeEscalationFix(workload.containers[0]);
    expect(fix.suggestion).toBe(true);
    expect(fix.edits).toEqual([
      { op: 'set', path: [...CONTAINER, 'securityContext', 'privileged'], value: false },
      { op: 'set', path: [...CONTAINER, 'securityContext', 'allowPrivilegeEscalation'], value: false },
    ]);
  });

  it('fill in what is unset safely, and make overriding an explicit setting a suggestion', () => {
    const unset = workloadOf('  containers: [{name: app, image: a:1}]\n');
    expect(seccompRuntimeDefaultFix(unset, unset.containers[0]).suggestion).toBeUndefined();
    const unconfined = workloadOf('  containers: [{name: app, image: a:1, securityContext: {seccompProfile: {type: Unconfined}}}]\n');
    expect(seccompRuntimeDefaultFix(unconfined, unconfined.containers[0])).toMatchObject({ suggestion: true, edits: [{ op: 'set', path: [...CONTAINER, 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' }] });
    expect(runAsNonRootFix(unset, unset.containers[0])).toMatchObject({ suggestion: false, edits: [{ op: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true }] });
    const root = workloadOf('  containers: [{name: app, image: a:1, securityContext: {runAsUser: 0}}]\n');
    expect(runAsNonRootFix(root, root.containers[0])).toMatchObject({
      suggestion: true,
      edits: [
        { op: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true },
        { op: 'remove', path: [...CONTAINER, 'securityContext', 'runAsUser'] },
      ],
    });
  });

  it('mount an emptyDir at /tmp under a name no other volume uses, unless the container mounts /tmp already', () => {
    const taken = workloadOf('  volumes: [{name: tmp, configMap: {name: settings}}]\n  containers: [{name: app, image: a:1, volumeMounts: [{name: tmp, mountPath: /etc/app}]}]\n');
    expect(readOnlyRootFilesystemFix(taken, taken.containers[0]).edits).toEqual([
      { op: 'set', path: [...CONTAINER, 'securityContext', 'readOnlyRootFilesystem'], value: true },
      { op: 'append', path: ['spec', 'volumes'], value: { name: 'kubethreat-tmp', emptyDir: {} }, match: 'name' },
      { op: 'append', path: [...CONTAINER, 'volumeMounts'], value: { name: 'kubethreat-tmp', mountPath: '/tmp' }, match: 'mountPath' },
    ]);
    const mounted = workloadOf('  volumes: [{name: scratch, emptyDir: {}}]\n  containers: [{name: app, image: a:1, volumeMounts: [{name: scratch, mountPath: /tmp/}]}]\n');
    expect(readOnlyRootFilesystemFix(mounted, mounted.containers[0]).edits).toHaveLength(1);
  });
});
