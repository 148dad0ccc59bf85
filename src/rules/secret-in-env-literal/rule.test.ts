import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const VALUES = ['example-password-1', 'AKIAIOSFODNN7EXAMPLE', 'example-token-2'];

const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: web:1.0
          env:
            - { name: LOG_LEVEL, value: info }
            - { name: DB_PASSWORD, value: ${VALUES[0]} }
            - { name: UPLOAD_ID, value: ${VALUES[1]} }
        - name: sidecar
          image: sidecar:1.0
          env:
            - { name: GITHUB_TOKEN, value: ${VALUES[2]} }
`;

describe('secret-in-env-literal', () => {
  it('reports each container once, naming the variables and why, at the first offending value', () => {
    const findings = findingsOf('secret-in-env-literal', text);
    expect(findings.map((finding) => [finding.container, finding.path, finding.message])).toEqual([
      [
        'sidecar',
        'spec.template.spec.containers[1].env[0].value',
        'Container sidecar of Deployment shop/web holds a credential literally in its environment: GITHUB_TOKEN (a credential name).',
      ],
      [
        'web',
        'spec.template.spec.containers[0].env[1].value',
        'Container web of Deployment shop/web holds a credential literally in its environment: DB_PASSWORD (a credential name), UPLOAD_ID (an AWS access key id).',
      ],
    ]);
  });

  it('never carries a value anywhere in the finding', () => {
    const serialised = JSON.stringify(findingsOf('secret-in-env-literal', text));
    for (const value of VALUES) expect(serialised).not.toContain(value);
  });
});
