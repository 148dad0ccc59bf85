import { describe, expect, it } from 'vitest';
import { editManifestText, type ObjectEdits } from './edit-text.js';
import type { FixEdit } from './types.js';

const CONTAINER = ['spec', 'template', 'spec', 'containers', 0];

function editsFor(kind: string, name: string, edits: FixEdit[], document = 0, pathInDocument: ObjectEdits['pathInDocument'] = []): ObjectEdits {
  return { key: `${kind}/${name}`, kind, name, document, pathInDocument, edits };
}

const DEPLOYMENT = `# The web front end.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # keep this comment
  labels: {app: web, tier: "front"}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ghcr.io/acme/web:1.4.0
        ports:
        - containerPort: 80
---
# untouched
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

describe('editManifestText on YAML', () => {
  it('adds a missing field with only the lines it needs, in the file own indentation, and keeps comments and flow style elsewhere', () => {
    const result = editManifestText(DEPLOYMENT, [editsFor('Deployment', 'web', [{ op: 'set', path: [...CONTAINER, 'securityContext', 'allowPrivilegeEscalation'], value: false }])]);
    expect(result.failures).toEqual([]);
    expect(result.text).toBe(
      DEPLOYMENT.replace(
        '        - containerPort: 80\n',
        '        - containerPort: 80\n        securityContext:\n          allowPrivilegeEscalation: false\n',
      ),
    );
  });

  it('does not reformat a neighbouring line the library prints differently', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      securityContext:\n        capabilities:\n          drop: ["ALL"]   # all of them\n';
    const result = editManifestText(text, [editsFor('Pod', 'p', [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], value: false }])]);
    expect(result.text).toBe(`${text}        allowPrivilegeEscalation: false\n`);
  });

  it('adds after a line the library prints its own way without rewriting it', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      resources:\n        {}\n';
    const result = editManifestText(text, [editsFor('Pod', 'p', [{ op: 'append', path: ['spec', 'containers', 0, 'volumeMounts'], value: { name: 'tmp', mountPath: '/tmp' } }])]);
    expect(result.text).toBe(`${text}      volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n`);
  });

  it('is idempotent: applying the same edits to the fixed text changes nothing', () => {
    const edits = [
      editsFor('Deployment', 'web', [
        { op: 'set', path: [...CONTAINER, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
        { op: 'append', path: [...CONTAINER, 'securityContext', 'capabilities', 'add'], value: 'NET_BIND_SERVICE' },
        { op: 'append', path: ['spec', 'template', 'spec', 'volumes'], value: { name: 'tmp', emptyDir: {} }, match: 'name' },
      ]),
    ];
    const once = editManifestText(DEPLOYMENT, edits).text;
    expect(once).not.toBe(DEPLOYMENT);
    expect(editManifestText(once, edits).text).toBe(once);
  });

  it('turns an empty flow mapping into a block and keeps a field comment when replacing its value', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext: {}\n  containers:\n    - name: app\n      image: app:1\n      securityContext:\n        privileged: true # the vendor says so\n';
    const result = editManifestText(text, [
      editsFor('Pod', 'p', [
        { op: 'set', path: ['spec', 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' },
        { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'privileged'], value: false },
      ]),
    ]);
    expect(result.text).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: app\n      image: app:1\n      securityContext:\n        privileged: false # the vendor says so\n',
    );
  });

  it('follows a four-space file with list items flush under their key', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n    -   name: app\n        image: app:1\n';
    const result = editManifestText(text, [editsFor('Pod', 'p', [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], value: true }])]);
    expect(result.text).toContain('        image: app:1\n        securityContext:\n            runAsNonRoot: true\n');
    expect(result.text.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\n')).toBe(true);
  });

  it('removes a field and appends to a list only what is not there yet', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsUser: 0\n    fsGroup: 2000\n  volumes:\n    - name: tmp\n      emptyDir: {}\n  containers:\n    - name: app\n      image: app:1\n';
    const result = editManifestText(text, [
      editsFor('Pod', 'p', [
        { op: 'remove', path: ['spec', 'securityContext', 'runAsUser'] },
        { op: 'append', path: ['spec', 'volumes'], value: { name: 'tmp', emptyDir: {} }, match: 'name' },
        { op: 'append', path: ['spec', 'containers', 0, 'volumeMounts'], value: { name: 'tmp', mountPath: '/tmp' }, match: 'mountPath' },
      ]),
    ]);
    expect(result.text).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    fsGroup: 2000\n  volumes:\n    - name: tmp\n      emptyDir: {}\n  containers:\n    - name: app\n      image: app:1\n      volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n',
    );
  });

  it('edits the right document of several, and the object inside a List', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata:\n      name: a\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata:\n      name: b\n';
    const result = editManifestText(`---\n${DEPLOYMENT}---\n${text}`, [editsFor('ServiceAccount', 'b', [{ op: 'set', path: ['automountServiceAccountToken'], value: false }], 2, ['items', 1])]);
    expect(result.failures).toEqual([]);
    expect(result.text).toBe(`---\n${DEPLOYMENT}---\n${text}    automountServiceAccountToken: false\n`);
  });

  it('keeps Windows line endings', () => {
    const text = 'apiVersion: v1\r\nkind: ServiceAccount\r\nmetadata:\r\n  name: a\r\n';
    expect(editManifestText(text, [editsFor('ServiceAccount', 'a', [{ op: 'set', path: ['automountServiceAccountToken'], value: false }])]).text).toBe(
      'apiVersion: v1\r\nkind: ServiceAccount\r\nmetadata:\r\n  name: a\r\nautomountServiceAccountToken: false\r\n',
    );
  });

  it('refuses an edit through a YAML alias, and one on an object that is no longer where it was', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - &app\n      name: app\n      image: app:1\n  initContainers:\n    - *app\n';
    const result = editManifestText(text, [
      editsFor('Pod', 'p', [{ op: 'set', path: ['spec', 'initContainers', 0, 'securityContext', 'privileged'], value: false }]),
      editsFor('Pod', 'other', [{ op: 'set', path: ['spec', 'hostPID'], value: false }]),
    ]);
    expect(result.text).toBe(text);
    expect(result.failures.map((failure) => failure.key)).toEqual(['Pod/p', 'Pod/other']);
    expect(result.failures[0].reason).toMatch(/alias/);
  });

  it('leaves a file with YAML syntax errors alone', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: [}\n';
    const result = editManifestText(text, [editsFor('Pod', 'p', [{ op: 'set', path: ['spec', 'hostPID'], value: false }])]);
    expect(result.text).toBe(text);
    expect(result.failures[0].reason).toMatch(/syntax/);
  });
});

describe('editManifestText on JSON', () => {
  it('edits an item of a JSON List and keeps the rest of the text as written', () => {
    const text = '{\n    "apiVersion": "v1",\n    "kind": "List",\n    "items": [\n        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "a"}},\n        {\n            "apiVersion": "v1",\n            "kind": "ServiceAccount",\n            "metadata": {\n                "name": "b"\n            }\n        }\n    ]\n}\n';
    const result = editManifestText(text, [editsFor('ServiceAccount', 'b', [{ op: 'set', path: ['automountServiceAccountToken'], value: false }], 0, ['items', 1])]);
    expect(result.failures).toEqual([]);
    expect(JSON.parse(result.text).items[1].automountServiceAccountToken).toBe(false);
    expect(result.text).toContain('{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "a"}},');
    expect(result.text).toContain('                "name": "b"\n            },\n            "automountServiceAccountToken": false\n        }');
  });
});
