import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

describe('probes-missing', () => {
  it('says which probe is missing and points at it', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  containers:
    - { name: none, image: app:1.0 }
    - { name: live-only, image: app:1.0, livenessProbe: { tcpSocket: { port: 80 } } }
    - { name: ready-only, image: app:1.0, readinessProbe: { tcpSocket: { port: 80 } } }
`;
    expect(findingsOf('probes-missing', text).map((finding) => [finding.container, finding.messageId, finding.path])).toEqual([
      ['live-only', 'readinessMissing', 'spec.containers[1].readinessProbe'],
      ['none', 'bothMissing', 'spec.containers[0].livenessProbe'],
      ['ready-only', 'livenessMissing', 'spec.containers[2].livenessProbe'],
    ]);
  });
});
