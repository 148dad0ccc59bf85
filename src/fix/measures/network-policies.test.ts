/**
 * The generated NetworkPolicies, proved with the NetworkPolicy engine (src/network): on the example estate as fixed,
 * every connection the manifests show is needed is still allowed, and what nothing asks for is not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../load/parse-text.js';
import { buildEstate } from '../../model/estate.js';
import type { K8sObject } from '../../model/object.js';
import { analyzeNetwork, type Endpoint, type PodGroup } from '../../network/index.js';
import { planFixes } from '../plan.js';
import { inferTraffic, type PodsRef } from './traffic.js';

const WEBSHOP = path.resolve(__dirname, '../../../examples/webshop');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? yamlFiles(full) : full.endsWith('.yaml') ? [full] : [];
  });
}

const sources = yamlFiles(WEBSHOP).sort().map((file) => ({ file: path.relative(WEBSHOP, file), text: readFileSync(file, 'utf8') }));
const plan = planFixes({ sources, fixedObjects: [], options: {}, rules: [], level: 'restricted', measures: true, now: new Date(0), toolVersion: 'test' });
const parse = (files: ReadonlyArray<{ file: string; text: string }>): K8sObject[] => files.flatMap((entry) => parseManifestText(entry.text, entry.file).objects);
const fixedObjects = parse(plan.files.map((file) => ({ file: file.file, text: file.after })));
const before = analyzeNetwork(parse(sources));
const after = analyzeNetwork([...fixedObjects, ...parseManifestText(plan.measuresText, 'kubethreat-measures.yaml').objects]);
const traffic = inferTraffic(buildEstate(fixedObjects), () => false);

function group(network: typeof after, id: string): PodGroup {
  const found = network.groups.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no pod group ${id}`);
  return found;
}

const groupOf = (pods: PodsRef): string => `${pods.workloads[0].kind}/${pods.namespace}/${pods.workloads[0].name}`;

describe('generated NetworkPolicies on the example estate', () => {
  it('infer the traffic the manifests show: Ingress routes, config references, scraping, LoadBalancer and NodePort Services', () => {
    const flows = traffic.flows.map((flow) => `${flow.from.kind === 'anywhere' ? 'anywhere' : groupOf(flow.from)} -> ${flow.to.label}`);
    expect(flows).toEqual(
      expect.arrayContaining([
        'Deployment/ingress-nginx/ingress-nginx-controller -> Service shop-prod/frontend',
        'Deployment/ingress-nginx/ingress-nginx-controller -> Service shop-staging/frontend',
        'Deployment/shop-prod/api -> Service shop-prod/postgres',
        'Deployment/shop-prod/api -> Service shop-prod/redis',
        'StatefulSet/monitoring/prometheus -> Deployment shop-prod/api',
        'anywhere -> Service ingress-nginx/ingress-nginx-controller',
        'anywhere -> Service shop-dev/api-nodeport',
      ]),
    );
  });

  it('still allow every connection the manifests show is needed, unless the policies in the input blocked it already (and the report says so)', () => {
    let checked = 0;
    for (const flow of traffic.flows) {
      const endpoints = (network: typeof after): [Endpoint, PodGroup] => [
        flow.from.kind === 'anywhere' ? { kind: 'internet' } : group(network, groupOf(flow.from)),
        group(network, groupOf(flow.to)),
      ];
      for (const port of flow.ports) {
        const query = { port: port.port, protocol: port.protocol as 'TCP' };
        if (!before.canReach(...endpoints(before), query).allowed) {
          expect(plan.notes.some((note) => note.startsWith(`${flow.why}, and the NetworkPolicies in the input block it`)), flow.why).toBe(true);
          continue;
        }
        expect(after.canReach(...endpoints(after), query).allowed, `${flow.why} on ${port.port}/${port.protocol}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('deny what nothing asks for, which was open before', () => {
    const stagingFrontend = 'Deployment/shop-staging/frontend';
    expect(before.canReach(group(before, stagingFrontend), { kind: 'internet' }, { port: 443 }).allowed).toBe(true);
    expect(after.canReach(group(after, stagingFrontend), { kind: 'internet' }, { port: 443 }).allowed).toBe(false);
    const devApi = 'Deployment/shop-dev/api';
    const prodRedis = 'Deployment/shop-prod/redis';
    expect(before.canReach(group(before, devApi), group(before, 'Deployment/ci/gitlab-runner'), { port: 8093 }).allowed).toBe(true);
    expect(after.canReach(group(after, devApi), group(after, 'Deployment/ci/gitlab-runner'), { port: 8093 }).allowed).toBe(false);
    expect(after.canReach(group(after, devApi), group(after, prodRedis), { port: 6379 }).allowed).toBe(false);
  });

  it('leave alone a direction a namespace already denies by default, and say what cannot be inferred', () => {
    const generated = plan.generated.filter((object) => object.manifest.kind === 'NetworkPolicy').map((object) => object.manifest.metadata as { namespace: string; name: string });
    expect(generated.filter((policy) => policy.namespace === 'shop-prod')).toEqual([]);
    const stagingDeny = plan.generated.find((object) => (object.manifest.metadata as { namespace: string; name: string }).namespace === 'shop-staging' && object.manifest.kind === 'NetworkPolicy');
    expect(stagingDeny?.manifest.spec).toEqual({ podSelector: {}, policyTypes: ['Egress'] });
    expect(plan.measuresText).toContain('TODO(kubethreat): Deployment shop-dev/api connects to dev-db.internal.acme.example (env DATABASE_HOST), outside the cluster');
    expect(plan.measuresText).toContain('TODO(kubethreat): Deployment ingress-nginx/ingress-nginx-controller has RBAC permissions of its own, so it probably calls the API server');
  });
});
