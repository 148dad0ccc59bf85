import { describe, expect, it } from 'vitest';
import { analyze } from '../../engine/analyze.js';
import { parseManifestText } from '../../load/parse-text.js';
import { findingsOf } from '../../testing/scan-text.js';
import { endOfLife, oldestSupported } from './release-dates.js';

const node = (name: string, kubeletVersion: string): string => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
status:
  nodeInfo:
    kubeletVersion: ${kubeletVersion}
---
`;
const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

describe('kubernetes-version-end-of-life', () => {
  it("reports the control plane's version, as --kubernetes-version or the API server gives it, on the cluster", () => {
    const [finding, ...rest] = findingsOf('kubernetes-version-end-of-life', namespace, { kubernetesVersion: 'v1.30.14-eks-2a5b3c' });
    expect(rest).toEqual([]);
    expect(finding.severity).toBe('medium');
    expect(finding.object.kind).toBe('Cluster');
    // TEST_NOW is 2026-01-01: v1.32 reaches its end within 60 days, so the advice is v1.33.
    expect(finding.message).toBe('The cluster runs Kubernetes v1.30.14-eks-2a5b3c: v1.30 reached end of life on 2025-07-15 and gets no more security fixes; upgrade to v1.33 or newer.');
  });

  it('warns, at low severity, of an end within 60 days', () => {
    const [finding] = findingsOf('kubernetes-version-end-of-life', namespace, { kubernetesVersion: 'v1.32' });
    expect(finding.severity).toBe('low');
    expect(finding.message).toContain('v1.32 reaches end of life on 2026-02-28; plan the upgrade');
  });

  it('says nothing of a supported version, a version newer than the table, or an unknown one', () => {
    expect(findingsOf('kubernetes-version-end-of-life', namespace, { kubernetesVersion: 'v1.33.1' })).toEqual([]);
    expect(findingsOf('kubernetes-version-end-of-life', namespace, { kubernetesVersion: 'v1.40.0' })).toEqual([]);
    expect(findingsOf('kubernetes-version-end-of-life', namespace)).toEqual([]);
  });

  it("reports each node whose kubelet is out of support, at its kubelet's version field", () => {
    const findings = findingsOf('kubernetes-version-end-of-life', node('a', 'v1.29.10') + node('b', 'v1.33.5') + node('c', 'v1.16.15'));
    expect(findings.map((finding) => [finding.object.name, finding.path])).toEqual([
      ['a', 'status.nodeInfo.kubeletVersion'],
      ['c', 'status.nodeInfo.kubeletVersion'],
    ]);
    expect(findings[0].message).toContain('v1.29 reached end of life on 2025-02-28');
    // Older than the table's first minor: it ended before that one did.
    expect(findings[1].message).toContain('v1.16 reached end of life before 2021-10-28');
  });

  it('follows the date of the run', () => {
    const objects = parseManifestText(node('a', 'v1.35.0'), 'nodes.yaml').objects;
    const at = (day: string) => analyze({ objects, options: { onlyRules: ['kubernetes-version-end-of-life'] }, now: new Date(`${day}T00:00:00Z`), toolVersion: 'test' }).findings.map((finding) => finding.severity);
    expect(at('2026-11-29')).toEqual([]);
    expect(at('2027-01-15')).toEqual(['low']);
    expect(at('2027-03-01')).toEqual(['medium']);
  });
});

describe('release dates', () => {
  it('gives the end of each minor, the oldest one for older minors, and nothing for unpublished ones', () => {
    expect(endOfLife(34)).toEqual({ date: '2026-10-27', before: false });
    expect(endOfLife(12)).toEqual({ date: '2021-10-28', before: true });
    expect(endOfLife(99)).toBeUndefined();
    expect(oldestSupported('2026-11-29')).toBe(35);
  });
});
