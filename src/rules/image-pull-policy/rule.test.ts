import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

describe('image-pull-policy', () => {
  it('tells a written policy from the one the API server fills in', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  containers:
    - { name: defaulted, image: "registry.example.com:5000/app:1.0" }
    - { name: written, image: "app:latest", imagePullPolicy: Never }
`;
    expect(findingsOf('image-pull-policy', text).map((finding) => [finding.container, finding.messageId, finding.data.policy, finding.path])).toEqual([
      ['defaulted', 'defaulted', 'IfNotPresent', 'spec.containers[0].imagePullPolicy'],
      ['written', 'explicit', 'Never', 'spec.containers[1].imagePullPolicy'],
    ]);
  });
});
