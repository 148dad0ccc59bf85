import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, hashHex, hashWords } from './fingerprint.js';

describe('fingerprints', () => {
  it('stay what they always were: the first 16 hex digits of the SHA-256 of what the finding is about', () => {
    // Accepted risks and diffs name findings by fingerprint: a change here would orphan every accepted one.
    const identity = ['run-as-root', 'Deployment', 'shop', 'web', 'app', 'spec.template.spec.containers["name=app"].securityContext.runAsNonRoot', 'mayRunAsRoot'].join('\u0000');
    const expected = createHash('sha256').update(identity).digest('hex').slice(0, 16);
    const path = ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'runAsNonRoot'];
    expect(fingerprint('run-as-root', { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }, path, 'app', 'mayRunAsRoot')).toBe(`run-as-root@${expected}`);
  });

  it('keep their 16 digits exactly when held as two 32-bit words, leading zeros and high bits included', () => {
    for (const hex of ['0000000000000000', 'ffffffffffffffff', '00000001fffffffe', '80000000000000ff', '0a1b2c3d4e5f6789', 'deadbeef00c0ffee']) {
      const [high, low] = hashWords(hex);
      expect(Number.isInteger(high) && Number.isInteger(low)).toBe(true);
      expect(hashHex(high, low)).toBe(hex);
    }
  });
});
