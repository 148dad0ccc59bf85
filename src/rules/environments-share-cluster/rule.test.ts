import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const namespace = (name: string, environment: string): string => `apiVersion: v1
kind: Namespace
metadata: { name: ${name}, labels: { environment: ${environment} } }
`;

describe('environments-share-cluster', () => {
  it('names a few namespaces of each other environment and counts the rest, on every production namespace', () => {
    const text = [namespace('payments', 'production'), namespace('orders', 'production'), ...Array.from({ length: 12 }, (_, index) => namespace(`team-${String(index).padStart(2, '0')}`, 'development'))].join(
      '---\n',
    );
    const findings = findingsOf('environments-share-cluster', text);
    expect(findings.map((finding) => finding.object.name)).toEqual(['orders', 'payments']);
    for (const finding of findings) {
      expect(finding.message).toContain('development (team-00, team-01, team-02, team-03, team-04 and 7 more)');
      expect(finding.related.map((ref) => ref.name)).toEqual(['team-00', 'team-01', 'team-02', 'team-03', 'team-04']);
    }
  });
});
