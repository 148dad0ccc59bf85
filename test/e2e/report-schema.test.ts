/** docs/report-schema.json describes what `scan --format json` prints: the CLI's output validates against it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, FIXTURES, kubethreat, ROOT } from './run.js';

beforeAll(assertBuilt);

const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'report-schema.json'), 'utf8')) as Record<string, unknown>;
// Formats are documentation here (generatedAt also has a pattern); strict mode catches mistakes in the schema itself.
// ajv is CommonJS: under NodeNext its default export is the module, whose `default` is the class.
const Ajv2020 = Ajv2020Module.default;
const validate = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(schema);

function errorsOf(report: unknown): string {
  return validate(report) ? '' : JSON.stringify(validate.errors?.slice(0, 5), null, 2);
}

describe.concurrent('the JSON report schema', () => {
  it('is a draft 2020-12 schema for schemaVersion 1.x', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect((schema.properties as Record<string, { pattern?: string }>).schemaVersion.pattern).toBe('^1\\.[0-9]+$');
  });

  it('validates the report of every kind of input: findings, Helm, Kustomize, stdin, problems, no findings at all', async () => {
    const runs = await Promise.all([
      kubethreat(['scan', '--format', 'json', FIXTURES, 'test/fixtures/kustomize']),
      kubethreat(['scan', '--format', 'json', `${FIXTURES}/hardened.yaml`]),
      kubethreat(['scan', '--format', 'json', '--min-severity', 'critical', '-'], { stdin: readFileSync(path.join(ROOT, FIXTURES, 'writable.yaml'), 'utf8') }),
    ]);
    const [everything, clean, filtered] = runs.map((run) => JSON.parse(run.stdout) as { findings: unknown[]; problems: unknown[]; summary: { highest: unknown }; attackPaths?: unknown[] });
    expect(everything.findings.length).toBeGreaterThan(20);
    expect(everything.attackPaths?.length).toBeGreaterThan(0); // the privileged pod reaches its node
    expect(everything.problems.length).toBeGreaterThan(0);
    expect(clean.summary.highest).toBeNull();
    expect(filtered.findings).toEqual([]);
    for (const report of [everything, clean, filtered]) expect(errorsOf(report)).toBe('');
  });

  it('validates the report of a snapshot of several clusters, one of which refused to list a kind', async () => {
    const run = await kubethreat(['scan', '--format', 'json', '--fail-on', 'none', `${FIXTURES}/snapshot-two-clusters.json`]);
    const report = JSON.parse(run.stdout) as { problems: Array<{ unlisted?: string; cluster?: string; message: string }>; findings: Array<{ ruleId: string; object: { cluster?: string } }>; scope: { clusters: string[] } };
    expect(report.scope.clusters).toEqual(['dev', 'prod']);
    expect(report.problems[0]).toMatchObject({ unlisted: 'networkpolicies.networking.k8s.io', cluster: 'prod' });
    expect(report.problems.map((problem) => problem.message)).toContain('rule network-policy-missing did not run for cluster prod: it reports what is missing, and networkpolicies.networking.k8s.io could not be listed');
    expect(report.findings.filter((finding) => finding.ruleId === 'network-policy-missing').map((finding) => finding.object.cluster)).toEqual(['dev']);
    expect(errorsOf(report)).toBe('');
  });

  it('validates the report of a workload whose Pod runs a container admission added, which names that Pod', async () => {
    const meshed = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop, uid: d-1 }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers: [{ name: web, image: nginx:1.27 }]\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-x1\n  namespace: shop\n  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true }]\nspec:\n  initContainers: [{ name: istio-init, image: docker.io/istio/proxyv2:1.22.3, securityContext: { capabilities: { add: [NET_ADMIN] } } }]\n  containers: [{ name: web, image: nginx:1.27 }]\n',
    ].join('---\n');
    const run = await kubethreat(['scan', '--format', 'json', '--fail-on', 'none', '-'], { stdin: meshed });
    const report = JSON.parse(run.stdout) as { findings: Array<{ container?: string; admittedIn?: unknown; path: string }> };
    const admitted = report.findings.filter((finding) => finding.container === 'istio-init');
    expect(admitted.length).toBeGreaterThan(0);
    for (const finding of admitted) expect(finding).toMatchObject({ admittedIn: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web-x1' }, path: expect.stringMatching(/^spec\.initContainers\[0\]/) });
    expect(report.findings.filter((finding) => finding.admittedIn !== undefined)).toEqual(admitted);
    expect(errorsOf(report)).toBe('');
  });

  it('rejects reports that break the documented contract', async () => {
    const run = await kubethreat(['scan', '--format', 'json', `${FIXTURES}/privileged.yaml`]);
    const report = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>>; [key: string]: unknown };
    const broken = (edit: (copy: typeof report) => void): typeof report => {
      const copy = structuredClone(report);
      edit(copy);
      return copy;
    };
    expect(errorsOf(report)).toBe('');
    expect(errorsOf(broken((copy) => delete copy.findings[0].fingerprint))).toMatch(/fingerprint/);
    expect(errorsOf(broken((copy) => (copy.findings[0].severity = 'severe')))).toMatch(/severity/);
    expect(errorsOf(broken((copy) => (copy.findings[0].location = { file: 'x.yaml', line: '3' })))).toMatch(/location/);
    expect(errorsOf(broken((copy) => (copy.findings[0].unexpected = true)))).toMatch(/unevaluatedProperties/);
    expect(errorsOf(broken((copy) => (copy.schemaVersion = '2.0')))).toMatch(/schemaVersion/);
    expect(errorsOf(broken((copy) => delete copy.scope))).toMatch(/scope/);
  });
});
