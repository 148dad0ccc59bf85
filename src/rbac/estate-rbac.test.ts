import { describe, expect, it } from 'vitest';
import { buildEstate } from '../model/estate.js';
import { parseManifestText } from '../load/parse-text.js';
import { rbacOfEstate, rbacOfObject } from './estate-rbac.js';
import { user } from './subject.js';

const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: alice-edits, namespace: shop }
subjects: [{ kind: User, name: alice, apiGroup: rbac.authorization.k8s.io }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
`;

describe('rbacOfEstate', () => {
  it('builds the index once per estate and version, so every rule shares it', () => {
    const estate = buildEstate(parseManifestText(text, 'rbac.yaml').objects);
    expect(rbacOfEstate(estate)).toBe(rbacOfEstate(estate));
    expect(rbacOfEstate(estate, 'v1.33')).not.toBe(rbacOfEstate(estate));
    expect(rbacOfEstate(buildEstate(parseManifestText(text, 'rbac.yaml').objects))).not.toBe(rbacOfEstate(estate));
  });

  it('finds the object behind a ref: the input binding, the default role, and says which is the platform\'s', () => {
    const estate = buildEstate(parseManifestText(text, 'rbac.yaml').objects);
    const [rbac] = rbacOfEstate(estate);
    const [binding] = rbac.index.bindings().filter((entry) => entry.ref.name === 'alice-edits');
    expect(rbac.objectOf(binding.ref)?.source.file).toBe('rbac.yaml');
    expect(rbac.isInInput(binding.ref)).toBe(true);
    expect(rbac.isPlatform(binding.ref)).toBe(false);
    const role = binding.role!.ref;
    expect(rbac.objectOf(role)?.source.file).toBe('<kubernetes default policy v1.30>');
    expect([rbac.isInInput(role), rbac.isPlatform(role)]).toEqual([false, true]);
  });

  it('finds the input object where the input overrides a role of the default policy, and each object where two clusters share names', () => {
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: edit }\nrules: [{ verbs: [get], apiGroups: [""], resources: [pods] }]\n';
    const objects = [...parseManifestText(`${text}---\n${role}`, 'prod.yaml', { cluster: 'prod' }).objects, ...parseManifestText(`${text}---\n${role}`, 'dev.yaml', { cluster: 'dev' }).objects];
    for (const rbac of rbacOfEstate(buildEstate(objects))) {
      const edit = rbac.index.role('ClusterRole', 'edit')!;
      expect(rbac.objectOf(edit.ref)?.source).toMatchObject({ file: `${rbac.cluster}.yaml`, cluster: rbac.cluster });
      expect([rbac.isInInput(edit.ref), rbac.isPlatform(edit.ref)]).toEqual([true, false]);
      const [binding] = rbac.index.bindings().filter((entry) => entry.ref.name === 'alice-edits');
      expect(rbac.objectOf(binding.ref)?.source.cluster).toBe(rbac.cluster);
    }
  });

  it('gives each cluster its own index', () => {
    const objects = [...parseManifestText(text, 'prod.yaml', { cluster: 'prod' }).objects, ...parseManifestText('apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n', 'dev.yaml', { cluster: 'dev' }).objects];
    const estate = buildEstate(objects);
    expect(rbacOfEstate(estate).map((entry) => entry.cluster)).toEqual(['dev', 'prod']);
    const namespace = estate.objects.find((object) => object.kind === 'Namespace')!;
    const editsInShop = { verb: 'create', resource: 'pods', namespace: 'shop' };
    expect(rbacOfObject(estate, namespace).index.can(user('alice'), editsInShop)).toEqual([]);
    expect(rbacOfEstate(estate)[1].index.can(user('alice'), editsInShop)).not.toEqual([]);
  });
});
