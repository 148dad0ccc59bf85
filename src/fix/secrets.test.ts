import { describe, expect, it } from 'vitest';
import { sensitiveLines, withoutSecrets } from './secrets.js';

const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\nstringData:\n  password: hunter2-example\n';
const ACCOUNT = '# the app\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: shop\n';

describe('withoutSecrets', () => {
  it('replaces a Secret document by a comment naming where the real one stays, and keeps the others as they are', () => {
    const result = withoutSecrets(`${ACCOUNT}---\n${SECRET}`, 'app.yaml');
    expect(result.left).toEqual(['shop/db']);
    expect(result.text).not.toContain('hunter2');
    expect(result.text).toBe(`${ACCOUNT}---\n# Secret shop/db is left out of this copy: kubethreat never writes Secret values. Keep the one in app.yaml.\n`);
  });

  it('drops Secrets from a List, YAML or JSON, and writes nothing of a JSON file that is one Secret', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata: {name: db}\n    data: {password: aHVudGVyMg==}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: settings}\n`;
    const yaml = withoutSecrets(list, 'list.yaml');
    expect(yaml.text).toBe('apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: settings}\n');
    const json = withoutSecrets(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 'aHVudGVyMg==' } }] }, null, 2), 'list.json');
    expect(json.text).not.toContain('aHVudGVyMg');
    expect(JSON.parse(json.text!).items).toEqual([]);
    expect(withoutSecrets(JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { a: 'b' } }), 'db.json')).toEqual({ text: undefined, left: ['db'] });
  });

  it('leaves a file without Secrets untouched', () => {
    expect(withoutSecrets(ACCOUNT, 'app.yaml')).toEqual({ text: ACCOUNT, left: [] });
  });
});

describe('sensitiveLines', () => {
  it('marks the lines that hold Secret values', () => {
    const lines = sensitiveLines(`${ACCOUNT}---\n${SECRET}`, 'app.yaml');
    const text = `${ACCOUNT}---\n${SECRET}`.split('\n');
    expect([...lines].map((line) => text[line]).join('\n')).toContain('hunter2-example');
    expect([...lines].map((line) => text[line])).not.toContain('  name: app');
  });
});
