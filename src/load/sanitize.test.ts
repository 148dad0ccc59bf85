import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from './index.js';

const SECRET = 'c3VwZXItc2VjcmV0LXZhbHVlLTQy'; // base64 of a distinctive value
const PLAIN = 'plain-text-secret-value-42';

/** Everything the loader hands on, as text: objects and the texts its locator keeps. */
function everythingHeld(result: Awaited<ReturnType<typeof loadInputs>>): string {
  const locator = result.locator as unknown as { texts: Map<string, string>; jsonBuffers: Map<string, Buffer> };
  return JSON.stringify(result.objects) + [...locator.texts.values()].join('') + [...locator.jsonBuffers.values()].map((buffer) => buffer.toString('utf8')).join('');
}

describe('Secret values', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-secrets-'));
  const yaml = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"password":"${PLAIN}"}}'
type: Opaque
data:
  password: ${SECRET}
stringData:
  token: |
    ${PLAIN}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: fast
`;
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [JSON.parse(JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, data: { password: SECRET }, stringData: { token: PLAIN } })), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { mode: 'fast' } }] }, null, 2);
  writeFileSync(path.join(dir, 'secret.yaml'), yaml);
  writeFileSync(path.join(dir, 'dump.json'), json);

  it.each(['secret.yaml', 'dump.json'])('are held nowhere after reading %s, while keys, other objects and positions stay', async (file) => {
    const result = await loadInputs([path.join(dir, file)], { cwd: dir });
    const held = everythingHeld(result);
    expect(held).not.toContain(SECRET);
    expect(held).not.toContain(PLAIN);
    const secret = result.objects.find((object) => object.kind === 'Secret')!;
    expect(secret.secretKeys).toEqual(['password', 'token']);
    expect(held).toContain('fast');
    const configMap = result.objects.find((object) => object.kind === 'ConfigMap')!;
    const location = result.locator.locate(configMap.source, ['data', 'mode']);
    const lines = (file === 'secret.yaml' ? yaml : json).split('\n');
    expect(lines[location.line - 1]).toContain('mode');
  });
});
