import { describe, expect, it } from 'vitest';
import { analyzeText, findingsOf } from '../../testing/scan-text.js';

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

  it('rates NET_ADMIN and NET_RAW alone medium, and no way into the node; with an escape capability, high', () => {
    expect(verdict('NET_ADMIN', 'net_raw')).toEqual([['dangerous', 'medium', '"NET_ADMIN", "net_raw"']]);
    expect(verdict('NET_ADMIN', 'SYS_ADMIN')).toEqual([['dangerous', 'high', '"NET_ADMIN", "SYS_ADMIN"']]);
    const model = analyzeText(adding('NET_ADMIN', 'NET_RAW'), { onlyRules: ['capabilities-dangerous'] });
    expect(model.workloads.map((workload) => workload.nodeEscapes)).toEqual([[]]);
    const escaping = analyzeText(adding('SYS_ADMIN'), { onlyRules: ['capabilities-dangerous'] });
    expect(escaping.workloads.map((workload) => workload.nodeEscapes)).toEqual([['capabilities-dangerous']]);
  });
});
