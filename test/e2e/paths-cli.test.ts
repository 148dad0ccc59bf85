/** `kubethreat paths`, end to end on the built CLI: readable chains, JSON, DOT and Mermaid, and usage errors. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'kubethreat.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const runs = new Map<string, Promise<Run>>();

/** Runs the built CLI once per argument list (several tests read the same output). */
function kubethreat(args: readonly string[], stdin = ''): Promise<Run> {
  const key = JSON.stringify([args, stdin]);
  let run = runs.get(key);
  if (!run) {
    run = new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
      child.stdin.on('error', () => undefined);
      child.stdin.end(stdin);
    });
    runs.set(key, run);
  }
  return run;
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'paths.js'))) throw new Error('dist/ is missing or stale: the end-to-end tests run the built CLI, run "npm run build" (npm test does it)');
});

interface JsonPaths {
  graph: { nodes: number; edges: number; notes: string[] };
  paths: Array<{ id: string; from: string; to: string; steps: Array<{ technique: string; from: string; to: string; evidence: Array<{ location?: { file: string; line: number } }> }> }>;
  blastRadius?: { from: string; reachable: number; crownJewels: Array<{ id: string; steps: number }> };
}

/** Names no Kubernetes object may carry, but a binding's subject may: quotes, markup, a pipe and brackets. */
const HOSTILE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: exec }
rules: [{ apiGroups: [""], resources: [pods/exec], verbs: [create] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: exec }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: exec }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: 'evil\\"] --> x[<b>owned</b>|' }
---
apiVersion: v1
kind: Pod
metadata: { name: admin-shell, namespace: kube-system }
spec:
  serviceAccountName: admin
  containers: [{ name: shell, image: kubectl:1.31 }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: admin, namespace: kube-system }]
`;

/** The same privileged container twice: exposed beside a cluster-admin token (web), and unreachable on its own pool (lab). */
const TWO_PRIVILEGED = ['web', 'lab']
  .map(
    (namespace) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: ${namespace} } }
  template:
    metadata: { labels: { app: ${namespace} } }
    spec:
${namespace === 'lab' ? '      automountServiceAccountToken: false\n      nodeSelector: { pool: sandbox }\n' : ''}      containers: [{ name: app, image: app:1.0, securityContext: { privileged: true } }]
`,
  )
  .concat(
    `apiVersion: v1
kind: Service
metadata: { name: app, namespace: web }
spec: { type: LoadBalancer, selector: { app: web }, ports: [{ port: 80 }] }
`,
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-all, namespace: lab }
spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
`,
    `apiVersion: v1
kind: Pod
metadata: { name: ops, namespace: kube-system }
spec:
  serviceAccountName: ops
  containers: [{ name: shell, image: kubectl:1.31 }]
`,
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ops }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: ops, namespace: kube-system }]
`,
  )
  .join('---\n');

describe.concurrent('kubethreat scan with the attack graph', () => {
  it('shows the most likely attack paths first, and ranks the exposed privileged pod above the isolated one', async () => {
    const run = await kubethreat(['scan', '-', '--fail-on', 'none'], TWO_PRIVILEGED);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Most likely attack paths {2}\(kubethreat paths shows more/m);
    expect(run.stdout).toContain('the internet → cluster-admin');
    const privileged = run.stdout.slice(run.stdout.indexOf('Container runs privileged'));
    const web = privileged.indexOf('of Deployment web/app');
    const lab = privileged.indexOf('of Deployment lab/app');
    expect(web).toBeGreaterThan(0);
    expect(lab).toBeGreaterThan(web);
    expect(privileged.slice(web, lab)).toMatch(/risk critical \(16\/16\): reachable from the internet directly .*; leads to a position that reaches cluster-admin in 3 steps/);
    expect(privileged.slice(lab)).toMatch(/risk low \(3\/16\): no entry point reaches it/);
  });

  it('puts attackPaths and a risk per finding in the JSON report', async () => {
    const run = await kubethreat(['scan', '-', '--format', 'json', '--fail-on', 'none'], TWO_PRIVILEGED);
    const report = JSON.parse(run.stdout) as { attackPaths: Array<{ id: string }>; attackGraph: { nodes: number }; findings: Array<{ ruleId: string; object: { namespace?: string }; risk?: { score: number } }> };
    expect(report.attackPaths.map((found) => found.id)).toContain('internet=>cluster-admin');
    expect(report.attackGraph.nodes).toBeGreaterThan(5);
    const scores = Object.fromEntries(report.findings.filter((finding) => finding.ruleId === 'privileged-container').map((finding) => [finding.object.namespace, finding.risk?.score]));
    expect(scores).toEqual({ web: 16, lab: 3 });
  });
});

describe.concurrent('kubethreat paths', () => {
  it('prints the example\'s paths as JSON, every step with a technique and a file:line', async () => {
    const run = await kubethreat(['paths', 'examples/webshop', '--format', 'json', '--max', '20']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as JsonPaths;
    expect(json.paths.length).toBeGreaterThan(5);
    expect(json.paths.map((found) => found.id)).toEqual(expect.arrayContaining(['internet=>every-secret', 'group:acme:shop-developers=>cluster-admin']));
    for (const found of json.paths) {
      for (const step of found.steps) {
        expect(step.technique).toMatch(/^[A-Z]+(-[A-Z0-9]+)+$/);
        // Group membership is the API server's doing: no file says it.
        if (step.technique === 'RBAC-STRUCT') continue;
        expect(step.evidence.some((evidence) => evidence.location !== undefined && evidence.location.line > 0)).toBe(true);
      }
    }
  });

  it('reads a chain from one workload, with its blast radius, in text', async () => {
    const run = await kubethreat(['paths', 'examples/webshop', '--from', 'Deployment/ci/gitlab-runner', '--to', 'cluster-admin']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Attack paths from Deployment ci/gitlab-runner to cluster-admin: 1 shown, most likely first.');
    expect(run.stdout).toMatch(/^Blast radius of Deployment ci\/gitlab-runner: \d+ positions/m);
    expect(run.stdout).toContain('1) Start a privileged container through the container runtime socket [ESC-SOCK, trivial]');
    expect(run.stdout).toContain('(examples/webshop/platform/ci/gitlab-runner.yaml:59)');
    expect(run.stdout).toContain('4) Already cluster-admin [RBAC-CLUSTER-ADMIN, given]');
  });

  it('names a crown jewel of the user\'s', async () => {
    const run = await kubethreat(['paths', 'examples/webshop', '--format', 'json', '--jewel', 'namespace:shop-prod', '--to', 'namespace:shop-prod']);
    const json = JSON.parse(run.stdout) as JsonPaths;
    expect(json.paths.length).toBeGreaterThan(0);
    expect(new Set(json.paths.map((found) => found.to))).toEqual(new Set(['run pods in namespace shop-prod']));
  });

  it('draws the paths as DOT with every name escaped', async () => {
    const run = await kubethreat(['paths', '-', '--to', 'cluster-admin', '--format', 'dot'], HOSTILE);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.startsWith('digraph attack_paths {\n')).toBe(true);
    // The name is evil\"] --> x[<b>owned</b>|: its backslash doubled, its quote escaped.
    expect(run.stdout).toContain('[label="Group evil\\\\\\"] --> x[<b>owned</b>|"');
    // Every line is a statement or a brace: no name broke out of its quotes.
    for (const line of run.stdout.trim().split('\n').slice(4, -1)) expect(line).toMatch(/^ {2}"(?:[^"\\]|\\.)*"( -> "(?:[^"\\]|\\.)*")? \[label="(?:[^"\\]|\\.)*"[^\]]*\];$/);
  });

  it('draws the paths as Mermaid with labels as entity codes', async () => {
    const run = await kubethreat(['paths', '-', '--to', 'cluster-admin', '--format', 'mermaid'], HOSTILE);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(run.stdout).toContain('>"Group evil\\#34;#93; --#62; x#91;#60;b#62;owned#60;/b#62;#124;"]');
    expect(run.stdout).not.toContain('<b>');
    expect(run.stdout).toMatch(/ -->\|"RBAC-CLUSTER-ADMIN"\| n\d+/);
  });

  it('draws the whole graph with --graph', async () => {
    const [paths, graph] = await Promise.all([
      kubethreat(['paths', 'examples/webshop', '--format', 'dot']),
      kubethreat(['paths', 'examples/webshop', '--format', 'dot', '--graph']),
    ]);
    const edges = (text: string): number => text.split('\n').filter((line) => line.includes(' -> ')).length;
    expect(edges(graph.stdout)).toBeGreaterThan(500);
    expect(edges(paths.stdout)).toBeLessThan(60);
  });

  it('refuses positions it cannot find and malformed flags, with exit code 2', async () => {
    const unknown = await kubethreat(['paths', 'examples/webshop', '--from', 'Deployment/nowhere/nothing']);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toMatch(/^kubethreat: --from "Deployment\/nowhere\/nothing" names no position of the attack graph; for example: internet/);
    const max = await kubethreat(['paths', 'examples/webshop', '--max', '0']);
    expect(max.code, max.stderr).toBe(2);
    expect(max.stderr).toContain('invalid --max "0"');
    const jewel = await kubethreat(['paths', 'examples/webshop', '--jewel', 'shop-prod']);
    expect(jewel.code, jewel.stderr).toBe(2);
    expect(jewel.stderr).toContain('invalid --jewel "shop-prod": use namespace:NAME, label:KEY=VALUE or secret:NAMESPACE/NAME');
  });
});
