/** The models the report tests render: a small deterministic estate, a hostile one, and the optional analyses. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import { analyzeText } from '../../src/testing/scan-text.js';
import { findingWith } from '../../src/engine/finding.js';

const FIXTURES = path.resolve(__dirname, 'fixtures');

/**
 * The rules the snapshots are taken with. Fixed, so that a rule added to the catalogue does not change the
 * reporters' snapshots; chosen to cover every boundary, a node escape, a Helm template and a persistence threat.
 */
export const SNAPSHOT_RULES = [
  'kube-system-workload',
  'namespace-psa-missing',
  'namespace-psa-version-pinned',
  'namespace-resource-quota-missing',
  'privileged-container',
  'read-only-root-filesystem',
  'runtime-detection-missing',
];

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The estate of fixtures/estate.yaml, as `kubethreat scan test/report/fixtures/estate.yaml` would see it. */
export function estateModel(text = fixtureText('estate.yaml'), file = 'test/report/fixtures/estate.yaml'): ThreatModel {
  // attackGraph: false keeps the snapshots about the reporters; withAnalyses adds the graph's sections on purpose.
  return withoutNetwork(analyzeText(text, { onlyRules: SNAPSHOT_RULES, includePlatform: true, attackGraph: false }, file));
}

/** The namespace matrix is one of the later analyses too: withAnalyses adds a fixed one on purpose. */
function withoutNetwork(model: ThreatModel): ThreatModel {
  const { network: _network, ...rest } = model;
  return rest;
}

export function hostileModel(): ThreatModel {
  return withoutNetwork(analyzeText(fixtureText('hostile.yaml'), { onlyRules: SNAPSHOT_RULES, attackGraph: false }, 'test/report/fixtures/hostile.yaml'));
}

export const HOSTILE = '"><img src=x onerror=alert(1)>';

/**
 * The model with the fields later analyses add (attack paths, entry points, RBAC subjects, the namespace matrix, a
 * risk per finding), in the shape src/report/extensions.ts reads. Strings in them are hostile too.
 */
export function withAnalyses(model: ThreatModel): ThreatModel {
  const api = model.workloads.find((workload) => workload.object.name === 'api') ?? model.workloads[0];
  const findings = model.findings.map((finding, index) => (index === 0 ? findingWith(finding, { risk: { likelihood: 4, impact: 4, score: 16, level: 'critical', reasons: ['reachable from the internet <b>'] } }) : finding));
  return {
    ...model,
    findings,
    entryPoints: [{ label: 'Ingress shop/public', via: 'Ingress', workloads: [api.object] }],
    attackPaths: [
      {
        title: 'Internet → cluster-admin',
        risk: 'critical',
        steps: [
          { from: 'internet', to: api.object, technique: 'exploit exposed workload', location: { file: 'test/report/fixtures/estate.yaml', line: 26 } },
          { from: api.object, to: 'ServiceAccount shop/api', technique: 'read mounted token' },
          { from: 'ServiceAccount shop/api', to: `cluster-admin ${HOSTILE}`, technique: 'bind cluster-admin' },
        ],
      },
    ],
    rbac: { subjects: [{ subject: 'system:serviceaccount:shop:api', risk: 'cluster-takeover', summary: `may bind roles ${HOSTILE}` }] },
    network: { namespaceMatrix: { namespaces: ['shop', 'tools'], cells: [['all', 'some'], ['none', 'all']] } },
  } as unknown as ThreatModel;
}
