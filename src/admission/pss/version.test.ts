import { describe, expect, it } from 'vitest';
import { checkPod, comparePssLevels, LATEST_POLICY_MINOR, parsePssVersion, podSecurityLevel } from './index.js';
import { policyMinor } from './version.js';
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
