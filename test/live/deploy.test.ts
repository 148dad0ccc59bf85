/** deploy/: kubethreat's own in-cluster manifests pass its own scan, grant exactly what it reads, and their commands work. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import { LIVE_KINDS } from '../../src/live/index.js';
import { fixtureObjects, REPO, runCli, startTestCluster, tempDir, WEBSHOP, type TestCluster } from './harness.js';

const DEPLOY = path.join(REPO, 'deploy');

interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const documents = (file: string): Array<Record<string, unknown>> =>
  parseAllDocuments(readFileSync(path.join(DEPLOY, file), 'utf8')).map((document) => document.toJS() as Record<string, unknown>);

const grants = (file: string): string[] => {
  const role = documents(file).find((document) => document.kind === 'ClusterRole') as { rules: PolicyRule[] };
  return role.rules.flatMap((rule) => rule.apiGroups.flatMap((group) => rule.resources.flatMap((resource) => rule.verbs.map((verb) => `${verb} ${resource}${group ? `.${group}` : ''}`)))).sort();
};

describe('deploy/', () => {
  it("passes kubethreat's own scan with no finding at medium or above", async () => {
    const run = await runCli(['scan', 'deploy', '-f', 'json', '--min-severity', 'medium', '--fail-on', 'medium']);
    const model = JSON.parse(run.stdout) as ThreatModel;
    expect(model.problems).toEqual([]);
    expect(model.scope.objects).toBe(9);
    expect(model.findings.map((finding) => `${finding.severity} ${finding.ruleId}: ${finding.message}`)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('grants list, and only list, on every resource kubethreat reads except Secrets', () => {
    const read = LIVE_KINDS.filter((kind) => kind.kind !== 'Secret').map((kind) => `list ${kind.resource}${kind.group ? `.${kind.group}` : ''}`);
    expect(grants('clusterrole.yaml')).toEqual([...read].sort());
    expect(grants('optional/secrets-metadata.yaml')).toEqual(['list secrets']);
  });

  it('keeps the optional Secrets grant out of what kubectl apply -k installs', () => {
    const kustomization = parse(readFileSync(path.join(DEPLOY, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    expect(kustomization.resources.some((resource) => resource.includes('optional'))).toBe(false);
  });
});

describe("the CronJob's commands", () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startTestCluster(fixtureObjects(WEBSHOP));
  });

  afterAll(async () => {
    await cluster.close();
  });

  it('snapshot the cluster, then render JSON, SARIF and HTML reports from the snapshot', async () => {
    const cronJob = documents('cronjob.yaml')[0] as { spec: { jobTemplate: { spec: { template: { spec: { initContainers: Container[]; containers: Container[] } } } } } };
    const pod = cronJob.spec.jobTemplate.spec.template.spec;
    const root = tempDir('cronjob');
    for (const dir of ['work', 'reports']) mkdirSync(path.join(root, dir));
    // The pod's paths, moved under a temporary folder; the in-cluster credentials replaced by the test kubeconfig.
    const local = (args: string[]): string[] => args.map((arg) => arg.replace(/^\/(work|reports)\//, `${root}/$1/`));
    const [snapshot, ...renderers] = [...pod.initContainers, ...pod.containers];
    expect(snapshot.name).toBe('snapshot');
    const snapshotRun = await runCli([...local(snapshot.args), '--kubeconfig', cluster.kubeconfig]);
    expect(snapshotRun.code).toBe(0);
    for (const container of renderers) {
      const run = await runCli(local(container.args));
      expect({ container: container.name, code: run.code, stderr: run.stderr }).toEqual({ container: container.name, code: 0, stderr: '' });
    }
    for (const report of ['kubethreat.json', 'kubethreat.sarif', 'kubethreat.html']) expect(existsSync(path.join(root, 'reports', report)), report).toBe(true);
    const model = JSON.parse(readFileSync(path.join(root, 'reports', 'kubethreat.json'), 'utf8')) as ThreatModel;
    expect(model.scope.clusters).toEqual([cluster.context]);
    expect(model.summary.total).toBeGreaterThan(100);
  });
});

interface Container {
  name: string;
  args: string[];
}
