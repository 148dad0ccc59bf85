import { describe, expect, it } from 'vitest';
import { formatPorts } from './ports.js';
import { cluster, namespace, pod } from './test-scenario.js';

const estate = () =>
  cluster(
    namespace('prod', { env: 'prod' }),
    namespace('dev', { env: 'dev' }),
    namespace('monitoring'),
    pod('prod', 'web', { labels: { app: 'web' }, ports: ['http:8080'] }),
    pod('prod', 'db', { labels: { app: 'db' }, ports: ['pg:5432'] }),
    pod('dev', 'tool', { labels: { app: 'tool' } }),
    pod('dev', 'sandbox', { labels: { app: 'sandbox' } }),
    pod('monitoring', 'prometheus', { labels: { app: 'prometheus' } }),
    `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: prod}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
  ingress:
  - ports: [{port: http}]
  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]
  egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
    ports: [{port: 5432}]
  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: prod}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: pg}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: sandbox, namespace: dev}
spec:
  podSelector: {matchLabels: {app: sandbox}}
  policyTypes: [Egress]`,
  );

const idsOf = (network: ReturnType<typeof estate>, classIds: readonly number[]) => classIds.flatMap((id) => network.classes[id].groups.map((group) => group.id));

describe('ingressFrom', () => {
  it('says who reaches a pod: every source on its open port, monitoring on all ports', () => {
    const network = estate();
    const web = network.ingressFrom('Pod/prod/web');
    expect(web.isolatedBy.map((policy) => policy.ref.name)).toEqual(['default-deny', 'web']);
    expect(formatPorts(web.openToAnySource)).toBe('TCP/8080');
    expect(web.openToAllNamespaces).toBe(true);
    expect(web.internet).toMatchObject({ allowed: true });
    expect(formatPorts(web.internet.ports)).toBe('TCP/8080');
    // db is egress-isolated by default-deny and allows nothing out: it cannot reach web. sandbox denies all egress.
    expect(idsOf(network, web.classIds)).toEqual(['Pod/dev/tool', 'Pod/monitoring/prometheus']);
    expect(web.namespaces).toEqual([
      { namespace: 'dev', reach: 'some' },
      { namespace: 'monitoring', reach: 'all' },
    ]);
    expect(web.everyNamespace).toBe(false);
  });

  it('a pod without policies is open to every source', () => {
    const network = estate();
    const tool = network.ingressFrom('Pod/dev/tool');
    expect(tool.isolatedBy).toEqual([]);
    expect(formatPorts(tool.openToAnySource)).toBe('all ports');
    expect(tool.internet.allowed).toBe(true);
    // web's ipBlock 0.0.0.0/0 does not count for pods: its egress to pods is limited to db.
    expect(idsOf(network, tool.classIds)).toEqual(['Pod/dev/tool', 'Pod/monitoring/prometheus']);
  });

  it('a pod reached only by selected peers is not open to all namespaces', () => {
    const db = estate().ingressFrom('Pod/prod/db');
    expect(db.openToAllNamespaces).toBe(false);
    expect(db.internet.allowed).toBe(false);
    expect(db.namespaces).toEqual([{ namespace: 'prod', reach: 'some' }]);
    expect(db.edges.every((edge) => edge.ingressRule?.policy.ref.name === 'db')).toBe(true);
  });
});

describe('egressOf', () => {
  it('lists what a pod reaches, the internet, and whether the metadata endpoint is blocked, with the deciding policy', () => {
    const network = estate();
    const web = network.egressOf('Pod/prod/web');
    expect(idsOf(network, web.classIds)).toEqual(['Pod/prod/db']);
    expect(web.internet.allowed).toBe(true);
    expect(web.cloudMetadata.allowed).toBe(false);
    expect(web.cloudMetadata.reasons.filter((reason) => reason.kind === 'isolated').map((reason) => reason.policy?.ref.name)).toEqual(['default-deny', 'web']);
    const tool = network.egressOf('Pod/dev/tool');
    expect(tool.cloudMetadata.allowed).toBe(true);
    expect(tool.cloudMetadata.reasons[0]).toMatchObject({ kind: 'not-isolated', direction: 'egress', reason: 'no-policy' });
    expect(tool.everyNamespace).toBe(true);
    expect(network.egressOf('Pod/dev/sandbox')).toMatchObject({ classIds: [], internet: { allowed: false }, cloudMetadata: { allowed: false } });
  });
});

describe('namespaceMatrix', () => {
  it('says all, some or none for every pair of namespaces', () => {
    const matrix = estate().namespaceMatrix();
    expect(matrix.namespaces).toEqual(['dev', 'monitoring', 'prod']);
    const cell = (from: string, to: string) => matrix.cells[matrix.namespaces.indexOf(from)][matrix.namespaces.indexOf(to)];
    expect(cell('dev', 'dev')).toBe('some'); // sandbox reaches nothing
    expect(cell('dev', 'prod')).toBe('some'); // tool reaches web only
    expect(cell('monitoring', 'prod')).toBe('some'); // prometheus reaches web, not db
    expect(cell('monitoring', 'dev')).toBe('all');
    expect(cell('prod', 'dev')).toBe('none'); // web's egress is limited to db and the outside
    expect(cell('prod', 'prod')).toBe('some');
    expect(cell('monitoring', 'monitoring')).toBe('all');
  });
});

describe('reachabilityEdges', () => {
  it('covers open pods with one edge instead of every pair', () => {
    const network = cluster(...Array.from({ length: 30 }, (_, index) => pod(`ns-${index % 5}`, `pod-${index}`, { labels: { app: `app-${index}` } })));
    const classEdges = network.reachabilityEdges().filter((edge) => edge.from.kind === 'classes' && edge.to.kind === 'classes');
    expect(classEdges).toHaveLength(1);
    expect(classEdges[0]).toMatchObject({ ports: expect.any(Array) });
    expect(classEdges[0].ingressRule).toBeUndefined();
    expect(network.namespaceMatrix().cells.flat().every((cell) => cell === 'all')).toBe(true);
  });

  it('names the rules that admit an edge between isolated pods', () => {
    const edges = estate().reachabilityEdges();
    const webToDb = edges.find((edge) => edge.egressRule?.policy.ref.name === 'web' && edge.ingressRule?.policy.ref.name === 'db');
    expect(webToDb).toMatchObject({ egressRule: { ruleIndex: 0, path: ['spec', 'egress', 0] }, ingressRule: { ruleIndex: 0 } });
    expect(formatPorts(webToDb!.ports)).toBe('TCP/5432');
  });
});
