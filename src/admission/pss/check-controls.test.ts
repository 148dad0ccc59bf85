/** checkControls: one control on its own, at a pinned version, whatever the level it belongs to. */
import { describe, expect, it } from 'vitest';
import { checkControls } from './index.js';
import { hardenedContainer, plainPod, restrictedPod } from './test-pods.js';

describe('checkControls', () => {
  it('runs only the named controls', () => {
    const pod = plainPod({ hostPID: true, containers: [{ name: 'app', image: 'nginx', securityContext: { privileged: true } }] });
    expect(checkControls(pod, ['privileged']).map((violation) => violation.path)).toEqual([['spec', 'containers', 0, 'securityContext', 'privileged']]);
    expect(checkControls(pod, ['hostNamespaces']).map((violation) => violation.control)).toEqual(['hostNamespaces']);
  });

  it('runs a restricted control without its baseline counterpart being overridden, and the reverse', () => {
    const pod = restrictedPod({ hostUsers: false, containers: [hardenedContainer('app', {}, { procMount: 'Unmasked' })] });
    expect(checkControls(pod, ['procMount'])).toEqual([]);
    expect(checkControls(pod, ['procMount_restricted']).map((violation) => violation.value)).toEqual(['Unmasked']);
  });

  it('finds nothing for a control newer than the pinned version', () => {
    const pod = plainPod({ containers: [{ name: 'app', image: 'nginx', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] });
    expect(checkControls(pod, ['hostProbesAndHostLifecycle'], 'v1.33')).toEqual([]);
    expect(checkControls(pod, ['hostProbesAndHostLifecycle'], 'v1.34')).toHaveLength(1);
  });
});
