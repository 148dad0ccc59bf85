import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const text = `apiVersion: v1
kind: ConfigMap
metadata: { name: app, namespace: shop }
data:
  mode: production
  api-token: example-token-value
  app.properties: |
    db.url=jdbc:postgresql://db/shop
    db.password=example-password-value
  notes.txt: "rotate with Bearer example0bearer0value"
binaryData:
  password.bin: ZXhhbXBsZQ==
`;

describe('secret-in-configmap', () => {
  it('names every key and why, pointing at the first, once per ConfigMap', () => {
    expect(findingsOf('secret-in-configmap', text).map((finding) => [finding.path, finding.message])).toEqual([
      [
        'data["api-token"]',
        'ConfigMap shop/app holds credentials in api-token (a credential name), app.properties (db.password on line 2), notes.txt (an HTTP Authorization credential).',
      ],
    ]);
  });

  it('never carries a value anywhere in the finding', () => {
    const serialised = JSON.stringify(findingsOf('secret-in-configmap', text));
    for (const value of ['example-token-value', 'example-password-value', 'example0bearer0value']) expect(serialised).not.toContain(value);
  });
});
