import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const adding = (...capabilities: string[]): string => `
apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  containers:
    - name: app
      image: ghcr.io/acme/app:1.0.0
      securityContext:
        capabilities:
          add: [${capabilities.map((capability) => JSON.stringify(capability)).join(', ')}]
`;

const verdict = (...capabilities: string[]): string[][] =>
  findingsOf('capabilities-dangerous', adding(...capabilities)).map((finding) => [finding.messageId, finding.severity, String(finding.data.capabilities)]);

describe('capabilities-dangerous', () => {
  it('reports a misspelled baseline capability, which PSA refuses, at low severity', () => {
    expect(verdict('CAP_CHOWN')).toEqual([['misspelled', 'low', '"CAP_CHOWN"']]);
  });

  it('names only the dangerous capabilities when a container adds both kinds', () => {
    expect(verdict('chown', 'SYS_MODULE')).toEqual([['dangerous', 'high', '"SYS_MODULE"']]);
  });

  it('treats ALL as dangerous', () => {
    expect(verdict('ALL')).toEqual([['dangerous', 'high', '"ALL"']]);
  });
});
