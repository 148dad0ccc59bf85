/**
 * The PSS-control rules against ground truth nobody on this project wrote: the official Pod Security Admission
 * fixtures and BishopFox's badPods, read beside the repository (../shared/corpora). Every label whose concept one of
 * these rules covers must agree: `fail` → the rule fires on that object, `pass` → it does not. The corpora are
 * required: the test fails, rather than skips, when they are missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../engine/finding.js';
import { analyzeText, findingsOf } from '../testing/scan-text.js';
import { parsePssVersion } from '../admission/pss/index.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpora = join(repositoryRoot, '../shared/corpora');

/** Corpus concept (shared/corpora/README.md) → the rule that decides it. */
const RULE_OF_CONCEPT: Readonly<Record<string, string>> = {
  privileged: 'privileged-container',
  host_pid: 'host-pid',
  host_ipc: 'host-ipc',
  host_network: 'host-network',
  host_path: 'host-path-volume',
  host_port: 'host-port',
  capabilities_added_dangerous: 'capabilities-dangerous',
  capabilities_added: 'capabilities-added',
  capabilities_not_dropped: 'capabilities-not-dropped',
  probe_or_lifecycle_host_set: 'host-probe-or-lifecycle',
  apparmor_unconfined: 'apparmor-unconfined',
  selinux_custom_options: 'selinux-custom-options',
  proc_mount_unmasked: 'proc-mount-unmasked',
  seccomp_unconfined: 'seccomp-unconfined',
  seccomp_missing: 'seccomp-profile-missing',
  sysctls_unsafe: 'sysctls-unsafe',
  windows_host_process: 'windows-host-process',
  volume_type_restricted: 'volume-type-restricted',
  allow_privilege_escalation: 'privilege-escalation-allowed',
  run_as_root: 'run-as-root',
};
const PSS_RULES = [...new Set(Object.values(RULE_OF_CONCEPT))];

/**
 * Labels these rules knowingly disagree with, each with the reason. The PSA fixtures are judged per level, and this
 * one pod passes baseline only because baseline exempts user-namespace pods from procMount (policy v1.35+); the
 * identical shape is a `fail` at restricted (procmount_restricted0/1). A rule has no level: it reports the unmasked
 * /proc, at low severity because the pod has its own user namespace.
 */
const KNOWN_DISAGREEMENTS: ReadonlyMap<string, string> = new Map([
  [
    'pod-security-admission test/testdata/baseline/v1.37/pass/procmount1.yaml proc_mount_unmasked',
    'baseline admits Unmasked /proc in a user namespace; restricted (procmount_restricted0/1) refuses the same shape',
  ],
]);

interface Label {
  corpus: string;
  file: string;
  object: string;
  concept: string;
  expected: 'pass' | 'fail';
}

function readLabels(corpus: string): Label[] {
  const rows = readFileSync(join(corpora, corpus, 'LABELS.tsv'), 'utf8').trim().split('\n').slice(1);
  return rows
    .map((row) => row.split('\t'))
    .filter(([, , concept]) => concept in RULE_OF_CONCEPT)
    .map(([file, object, concept, expected]) => ({ corpus, file, object, concept, expected: expected === 'fail' ? 'fail' : 'pass' }));
}

/** `Kind/namespace/name`; an empty namespace matches any. Several objects are joined with `;`. */
function isAbout(finding: Finding, objects: string): boolean {
  return objects.split(';').some((object) => {
    const [kind, namespace, name] = object.split('/');
    return finding.object.kind === kind && finding.object.name === name && (namespace === '' || finding.object.namespace === namespace);
  });
}

/** PSA fixtures sit in test/testdata/<level>/<version>/<pass|fail>/; badPods has no version, so the newest applies. */
function pssVersionOf(label: Label): string {
  const folder = /testdata\/[a-z]+\/([^/]+)\//.exec(label.file)?.[1];
  if (folder === undefined) return 'latest';
  if (parsePssVersion(folder) === undefined) throw new Error(`unexpected version folder in ${label.file}`);
  return folder;
}

/** Every disagreement between the rules and the labels of one corpus, as readable lines. */
function disagreements(labels: readonly Label[]): string[] {
  const findingsByRun = new Map<string, Finding[]>();
  const found: string[] = [];
  for (const label of labels) {
    const version = pssVersionOf(label);
    const run = `${label.file} ${version}`;
    let findings = findingsByRun.get(run);
    if (!findings) {
      const text = readFileSync(join(corpora, label.corpus, label.file), 'utf8');
      findings = analyzeText(text, { onlyRules: PSS_RULES, pssVersion: version }, label.file).findings;
      findingsByRun.set(run, findings);
    }
    const ruleId = RULE_OF_CONCEPT[label.concept];
    const fired = findings.some((finding) => finding.ruleId === ruleId && isAbout(finding, label.object));
    if (fired !== (label.expected === 'fail')) found.push(`${label.corpus} ${label.file} ${label.concept}`);
  }
  return found;
}

describe('agreement with the labeled corpora', () => {
  it('finds the corpora beside the repository', () => {
    expect(existsSync(join(corpora, 'pod-security-admission/LABELS.tsv')), `missing ${corpora}`).toBe(true);
    expect(existsSync(join(corpora, 'badPods/LABELS.tsv')), `missing ${corpora}`).toBe(true);
  });

  it('agrees with every label of the official Pod Security Admission fixtures, at each fixture version', () => {
    const labels = readLabels('pod-security-admission');
    expect(labels.length).toBeGreaterThan(200);
    expect(new Set(labels.map((label) => label.concept)).size).toBe(Object.keys(RULE_OF_CONCEPT).length);
    expect(disagreements(labels)).toEqual([...KNOWN_DISAGREEMENTS.keys()].filter((key) => key.startsWith('pod-security-admission ')));
  });

  it('agrees with every label of badPods for the concepts these rules cover', () => {
    const labels = readLabels('badPods');
    expect(labels.length).toBeGreaterThan(600);
    expect(disagreements(labels)).toEqual([]);
  });
});

const PROBE_WITH_HOST = `
apiVersion: v1
kind: Pod
metadata: { name: probe, namespace: shop }
spec:
  containers:
    - name: app
      image: ghcr.io/acme/app:1.0.0
      livenessProbe:
        httpGet: { host: 10.0.0.1, port: 80 }
`;

const KEEPALIVE_SYSCTL = `
apiVersion: v1
kind: Pod
metadata: { name: keepalive, namespace: shop }
spec:
  securityContext:
    sysctls:
      - { name: net.ipv4.tcp_keepalive_time, value: "600" }
  containers:
    - name: app
      image: ghcr.io/acme/app:1.0.0
`;

describe('definePssControlRule', () => {
  it('runs the control at the chosen policy version', () => {
    expect(findingsOf('host-probe-or-lifecycle', PROBE_WITH_HOST)).toHaveLength(1);
    expect(findingsOf('host-probe-or-lifecycle', PROBE_WITH_HOST, { pssVersion: 'v1.33' })).toEqual([]);
    expect(findingsOf('sysctls-unsafe', KEEPALIVE_SYSCTL, { pssVersion: 'v1.28' })).toHaveLength(1);
    expect(findingsOf('sysctls-unsafe', KEEPALIVE_SYSCTL)).toEqual([]);
  });

  it('translates paths from the pod template to the object root and names the container', () => {
    const [finding] = findingsOf(
      'privileged-container',
      `
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: ops }
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          initContainers:
            - name: setup
              image: busybox:1.36
          containers:
            - name: main
              image: busybox:1.36
              securityContext: { privileged: true }
`,
    );
    expect(finding.fieldPath).toEqual(['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged']);
    expect(finding.container).toBe('main');
    expect(finding.location.line).toBe(18);
  });

  it('reports once per container, at the list that holds its offending entries', () => {
    const findings = findingsOf(
      'capabilities-dangerous',
      `
apiVersion: v1
kind: Pod
metadata: { name: caps, namespace: ops }
spec:
  containers:
    - name: app
      image: ghcr.io/acme/app:1.0.0
      securityContext:
        capabilities:
          add: ["SYS_ADMIN", "CHOWN", "NET_ADMIN"]
`,
    );
    expect(findings.map((finding) => [finding.path, finding.message])).toEqual([
      [
        'spec.containers[0].securityContext.capabilities.add',
        'Container app of Pod ops/caps adds "SYS_ADMIN", "NET_ADMIN", outside the capabilities a container runtime grants by default.',
      ],
    ]);
  });

  it('analyses a Deployment once, not again through its ReplicaSet', () => {
    const text = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, uid: d-1 }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      hostNetwork: true
      containers: [{ name: web, image: ghcr.io/acme/web:1.0.0 }]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d8f7
  namespace: shop
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true }]
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      hostNetwork: true
      containers: [{ name: web, image: ghcr.io/acme/web:1.0.0 }]
`;
    expect(findingsOf('host-network', text).map((finding) => finding.object.kind)).toEqual(['Deployment']);
  });
});
