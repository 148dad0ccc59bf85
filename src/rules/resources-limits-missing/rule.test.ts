import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

describe('resources-limits-missing', () => {
  it('names what is missing per container and what a LimitRange fills in, with the LimitRange as evidence', () => {
    const text = `apiVersion: v1
kind: LimitRange
metadata: { name: memory-defaults, namespace: shop }
spec:
  limits:
    - type: Pod
      max: { cpu: "4" }
    - type: Container
      default: { memory: 256Mi }
---
apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  initContainers:
    - { name: init, image: init:1.0 }
  containers:
    - { name: app, image: app:1.0, resources: { limits: { memory: 128Mi } } }
---
apiVersion: v1
kind: Pod
metadata: { name: app, namespace: other }
spec:
  containers:
    - { name: app, image: app:1.0 }
`;
    const findings = findingsOf('resources-limits-missing', text);
    expect(findings.map((finding) => [finding.object.namespace, finding.container, finding.path, finding.message, finding.related.map((ref) => ref.name)])).toEqual([
      ['other', 'app', 'spec.containers[0].resources.limits.cpu', 'Container app of Pod other/app has no cpu and memory limit.', []],
      ['shop', 'app', 'spec.containers[0].resources.limits.cpu', 'Container app of Pod shop/app has no cpu limit.', []],
      [
        'shop',
        'init',
        'spec.initContainers[0].resources.limits.cpu',
        'Init container init of Pod shop/app has no cpu limit (memory is filled in by LimitRange shop/memory-defaults).',
        ['memory-defaults'],
      ],
    ]);
  });

  it('reports a missing CPU limit as info when the container requests CPU, which cannot starve requested neighbours', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  containers:
    - { name: requests-cpu, image: app:1.0, resources: { requests: { cpu: 100m }, limits: { memory: 128Mi } } }
    - { name: requests-nothing, image: app:1.0, resources: { limits: { memory: 128Mi } } }
    - { name: no-memory-limit, image: app:1.0, resources: { requests: { cpu: 100m } } }
`;
    expect(findingsOf('resources-limits-missing', text).map((finding) => [finding.container, finding.data.resources, finding.severity])).toEqual([
      ['no-memory-limit', 'cpu and memory', 'low'],
      ['requests-nothing', 'cpu', 'low'],
      ['requests-cpu', 'cpu', 'info'],
    ]);
  });
});
