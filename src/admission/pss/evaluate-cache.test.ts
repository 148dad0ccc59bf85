/**
 * The evaluator remembers each control's result per pod and version: asked in any order, at several versions, with
 * the same spec under other annotations, it must answer exactly what running the controls afresh answers.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../testing/seeded-random.js';
import { admits, checkControls, checkPod, podSecurityLevel } from './evaluate.js';
import { ALL_CONTROLS } from './registry.js';
import type { PodInput, PssControlId, PssVersion, PssViolation } from './types.js';
import { minorOfMinVersion, policyMinor } from './version.js';

const VERSIONS: readonly PssVersion[] = ['latest', 'v1.0', 'v1.24', 'v1.25', 'v1.33', 'v1.35'];

function randomPod(random: () => number): PodInput {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const securityContext = (): Record<string, unknown> => ({
    ...(random() < 0.3 ? { privileged: pick([true, false]) } : {}),
    ...(random() < 0.3 ? { runAsNonRoot: pick([true, false]) } : {}),
    ...(random() < 0.3 ? { allowPrivilegeEscalation: pick([true, false]) } : {}),
    ...(random() < 0.3 ? { seccompProfile: { type: pick(['RuntimeDefault', 'Unconfined', 'Localhost']) } } : {}),
    ...(random() < 0.3 ? { capabilities: { add: random() < 0.5 ? ['NET_ADMIN'] : [], drop: random() < 0.5 ? ['ALL'] : [] } } : {}),
    ...(random() < 0.2 ? { procMount: pick(['Default', 'Unmasked']) } : {}),
    ...(random() < 0.2 ? { appArmorProfile: { type: pick(['RuntimeDefault', 'Unconfined']) } } : {}),
  });
  const containers = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, index) => ({ name: `c${index}`, image: 'nginx', securityContext: securityContext() }));
  return {
    metadata: { annotations: random() < 0.2 ? { 'container.apparmor.security.beta.kubernetes.io/c0': 'unconfined' } : {} },
    spec: {
      containers,
      ...(random() < 0.3 ? { hostPID: true } : {}),
      ...(random() < 0.2 ? { hostUsers: false } : {}),
      ...(random() < 0.2 ? { os: { name: 'windows' } } : {}),
      ...(random() < 0.3 ? { securityContext: securityContext() } : {}),
      ...(random() < 0.2 ? { volumes: [{ name: 'h', hostPath: { path: '/var/run' } }] } : {}),
    },
  };
}

/** The controls run afresh, with no memory of earlier answers. */
function freshViolations(pod: PodInput, ids: readonly PssControlId[], version: PssVersion): PssViolation[] {
  const minorVersion = policyMinor(version);
  return ALL_CONTROLS.filter((control) => ids.includes(control.id))
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    .filter((control) => minorOfMinVersion(control.minVersion) <= minorVersion)
    .flatMap((control) => control.check(pod, { minorVersion }));
}

describe('remembered control results', () => {
  it('answer as a fresh run does, whatever the order of questions, versions and annotations', () => {
    const random = seededRandom(7);
    const ids = ALL_CONTROLS.map((control) => control.id);
    const pods = Array.from({ length: 40 }, () => randomPod(random));
    for (let question = 0; question < 2000; question++) {
      const pod = pods[Math.floor(random() * pods.length)];
      // The same spec under another annotations object is another pod to PSA (the AppArmor annotations differ).
      const asked: PodInput = random() < 0.2 ? { metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/c0': 'unconfined' } }, spec: pod.spec } : pod;
      const version = VERSIONS[Math.floor(random() * VERSIONS.length)];
      const chosen = ids.filter(() => random() < 0.2);
      expect(checkControls(asked, chosen, version), `question ${question}`).toEqual(freshViolations(asked, chosen, version));
    }
  });

  it('give a caller a list of its own to change, not the remembered one', () => {
    const pod = randomPod(seededRandom(3));
    pod.spec.hostPID = true;
    const first = checkPod(pod, 'baseline');
    first.length = 0;
    expect(checkPod(pod, 'baseline').length).toBeGreaterThan(0);
    expect(podSecurityLevel(pod)).toBe('privileged');
  });

  it('admit a pod exactly when checkPod finds nothing, at every level and version, and the level follows', () => {
    const random = seededRandom(11);
    for (let index = 0; index < 300; index++) {
      const pod = randomPod(random);
      const version = VERSIONS[Math.floor(random() * VERSIONS.length)];
      // Asked first, before anything is remembered: admits stops at the first refusing control.
      const restricted = admits(pod, 'restricted', version);
      const baseline = admits(pod, 'baseline', version);
      expect(restricted, `pod ${index}`).toBe(checkPod(pod, 'restricted', version).length === 0);
      expect(baseline, `pod ${index}`).toBe(checkPod(pod, 'baseline', version).length === 0);
      expect(podSecurityLevel(pod, version)).toBe(restricted ? 'restricted' : baseline ? 'baseline' : 'privileged');
    }
  });
});
