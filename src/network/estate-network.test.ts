/** The shared per-estate analysis, and what the threat model and the controls matrix take from it. */
import { describe, expect, it } from 'vitest';
import { buildEstate } from '../model/estate.js';
import { objectKey } from '../model/object.js';
import { parseManifestText } from '../load/parse-text.js';
import { analyzeText } from '../testing/scan-text.js';
import { MATRIX_MAX_NAMESPACES, networkOfEstate, podGroupOfWorkload, populatedNamespaceMatrix } from './estate-network.js';
import { analyzeNetwork } from './index.js';

const deployment = (namespace: string, name: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: c, image: i:1 }] }
`;

const ESTATE = [
  deployment('dev', 'api'),
  deployment('prod', 'api'),
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-all, namespace: prod }
spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-ingress, namespace: dev }
spec: { podSelector: {} }
`,
  `apiVersion: v1
kind: Namespace
metadata: { name: empty }
`,
].join('---\n');

describe('networkOfEstate', () => {
  it('builds one analysis per estate and finds the pod group of each workload', () => {
    const estate = buildEstate(parseManifestText(ESTATE, 'estate.yaml').objects);
    expect(networkOfEstate(estate)).toBe(networkOfEstate(estate));
    expect(networkOfEstate(buildEstate(estate.objects))).not.toBe(networkOfEstate(estate));
    const prodApi = estate.workloads.find((workload) => workload.namespace === 'prod')!;
    expect(podGroupOfWorkload(estate, prodApi)?.id).toBe('Deployment/prod/api');
  });

  it('finds each workload the group of the last owner with its key, as a lookup by key would, copies included', () => {
    const replicaSet = (name: string, owner: string): string => `apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: ${name}, namespace: prod, ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: ${owner}, controller: true }] }
spec: { template: { metadata: { labels: { app: x } }, spec: { containers: [{ name: c, image: i:1 }] } } }
`;
    const inputs = [
      ESTATE,
      // One Deployment under two API groups (both kept: the estate only drops copies of one group): both workloads
      // find the last one's group, as the key of each names both.
      [deployment('prod', 'api'), deployment('prod', 'api').replace('apps/v1', 'extensions/v1beta1'), deployment('dev', 'web')].join('---\n'),
      // A ReplicaSet run by a Deployment of the input has no group of its own; a Deployment without containers none.
      [deployment('prod', 'api'), replicaSet('api-1', 'api'), replicaSet('lone', 'gone'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: empty, namespace: prod }\nspec: { template: { spec: {} } }\n'].join('---\n'),
    ];
    for (const input of inputs) {
      const estate = buildEstate(parseManifestText(input, 'estate.yaml').objects);
      const { groups } = networkOfEstate(estate);
      // Read with the estate's index of kinds, the groups are those a scan of every object finds.
      expect(groups).toEqual(analyzeNetwork(estate.objects, { defaultNamespace: estate.defaultNamespace }).groups);
      for (const workload of estate.workloads) {
        const key = objectKey({ ...workload.ref, namespace: workload.namespace });
        const byKey = groups.filter((group) => objectKey(group.owner) === key).at(-1);
        expect(podGroupOfWorkload(estate, workload), key).toBe(byKey);
      }
    }
  });

  it('gives the namespace matrix of the namespaces that run pods only', () => {
    const estate = buildEstate(parseManifestText(ESTATE, 'estate.yaml').objects);
    // Both namespaces isolate ingress and admit nobody: no pod reaches another, not even in its own namespace.
    expect(populatedNamespaceMatrix(estate)).toEqual({ namespaces: ['dev', 'prod'], cells: [['none', 'none'], ['none', 'none']] });
  });
});

describe('the threat model', () => {
  it('carries the namespace matrix that the HTML and Markdown reporters read', () => {
    const model = analyzeText([deployment('a', 'one'), deployment('b', 'two')].join('---\n'), { attackGraph: false });
    expect(model.network).toEqual({ namespaceMatrix: { namespaces: ['a', 'b'], cells: [['all', 'all'], ['all', 'all']] } });
  });

  it('leaves the matrix out when more namespaces run pods than a table can show', () => {
    const many = (count: number): string => Array.from({ length: count }, (_, index) => deployment(`team-${index}`, 'api')).join('---\n');
    expect(analyzeText(many(MATRIX_MAX_NAMESPACES), { attackGraph: false }).network?.namespaceMatrix.namespaces).toHaveLength(MATRIX_MAX_NAMESPACES);
    expect(analyzeText(many(MATRIX_MAX_NAMESPACES + 1), { attackGraph: false }).network).toBeUndefined();
  });

  it('has no network section when the input runs no pods', () => {
    expect(analyzeText('apiVersion: v1\nkind: Namespace\nmetadata: { name: x }\n', { attackGraph: false }).network).toBeUndefined();
  });

  it('rates the network-policies control by default deny: present for both directions, weak for one, missing for none', () => {
    const model = analyzeText(`${ESTATE}---\n${deployment('tools', 'shell')}`, { attackGraph: false });
    const control = (scope: string) => model.controls.find((row) => row.boundary === 'pod')!.controls.find((entry) => entry.control === 'network-policies' && entry.scope === scope);
    expect(control('prod')).toMatchObject({ status: 'present', evidence: '1 NetworkPolicy; default deny for ingress (deny-all) and egress (deny-all)' });
    expect(control('dev')).toMatchObject({ status: 'weak', evidence: '1 NetworkPolicy; default deny for ingress only (deny-ingress), egress open where no policy selects the pod' });
    expect(control('tools')).toMatchObject({ status: 'missing', evidence: 'no NetworkPolicy' });
  });
});
