import { describe, expect, it } from 'vitest';
import { checkPod, comparePssLevels, LATEST_POLICY_MINOR, parsePssVersion, podSecurityLevel } from './index.js';
import { policyMinor, pssVersionOnCluster } from './version.js';
import { plainPod, restrictedPod } from './test-pods.js';

describe('parsePssVersion', () => {
  it('accepts what a PSA version label accepts', () => {
    expect(parsePssVersion('latest')).toBe('latest');
    expect(parsePssVersion('v1.0')).toBe('v1.0');
    expect(parsePssVersion('v1.37')).toBe('v1.37');
  });

  it('refuses what PSA refuses', () => {
    for (const text of ['v1.01', '1.30', 'v2.0', 'v1.', 'v1.30.1', 'Latest', '', 'v1.-1']) {
      expect(parsePssVersion(text), text).toBeUndefined();
    }
  });

  it('treats a version newer than the newest known one as latest', () => {
    expect(policyMinor('v1.99')).toBe(LATEST_POLICY_MINOR);
    expect(policyMinor()).toBe(LATEST_POLICY_MINOR);
  });

  it('refuses to evaluate at a malformed version instead of guessing one', () => {
    expect(() => checkPod(plainPod(), 'baseline', 'v1.x' as 'v1.0')).toThrow(RangeError);
  });
});

describe('pssVersionOnCluster', () => {
  it("reads latest, and versions newer than the cluster, as the cluster's own release", () => {
    expect(pssVersionOnCluster('latest', 'v1.30.4-eks-2a5b3c')).toBe('v1.30');
    expect(pssVersionOnCluster('v1.35', 'v1.30.4')).toBe('v1.30');
    expect(pssVersionOnCluster('v1.28', 'v1.30.4')).toBe('v1.28');
    expect(pssVersionOnCluster('v1.30', 'v1.30.4')).toBe('v1.30');
  });

  it('leaves the version as written when the cluster is as new as the evaluator, or unknown', () => {
    expect(pssVersionOnCluster('latest', `v1.${LATEST_POLICY_MINOR}.0`)).toBe('latest');
    expect(pssVersionOnCluster('latest', 'v1.99.0')).toBe('latest');
    expect(pssVersionOnCluster('v1.31', undefined)).toBe('v1.31');
    expect(pssVersionOnCluster('latest', 'banana')).toBe('latest');
  });

  it('makes a check newer than the cluster pass: a probe host is refused from v1.34 only', () => {
    const probeWithHost = plainPod({ containers: [{ name: 'app', image: 'nginx', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] });
    expect(checkPod(probeWithHost, 'baseline', pssVersionOnCluster('latest', 'v1.33.1')).map((violation) => violation.control)).toEqual([]);
    expect(checkPod(probeWithHost, 'baseline', pssVersionOnCluster('latest', 'v1.34.0')).map((violation) => violation.control)).toEqual(['hostProbesAndHostLifecycle']);
  });
});

describe('levels', () => {
  it('orders privileged < baseline < restricted', () => {
    expect(comparePssLevels('privileged', 'baseline')).toBeLessThan(0);
    expect(comparePssLevels('restricted', 'baseline')).toBeGreaterThan(0);
    expect(comparePssLevels('baseline', 'baseline')).toBe(0);
  });

  it('gives each pod the strictest level it satisfies', () => {
    expect(podSecurityLevel(restrictedPod())).toBe('restricted');
    expect(podSecurityLevel(plainPod())).toBe('baseline');
    expect(podSecurityLevel(plainPod({ hostPID: true }))).toBe('privileged');
  });

  it('judges the level at the pinned version', () => {
    const probesHost = plainPod({ containers: [{ name: 'app', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] });
    expect(podSecurityLevel(probesHost, 'v1.33')).toBe('baseline');
    expect(podSecurityLevel(probesHost, 'latest')).toBe('privileged');
  });
});
