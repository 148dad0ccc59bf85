/**
 * The labelled corpora of other projects (../shared/corpora beside the repository) against the service-account,
 * image, secret, resource, probe and namespace rules. Every label of their concepts is scanned with the project's own
 * loader and core; the labels we disagree with must be exactly the ones listed below, each with the reason our
 * semantics are the right ones. A rule change that gains or loses agreement makes this test fail either way.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import type { Finding } from '../engine/finding.js';
import { loadInputs } from '../load/index.js';
import { parseLabels, type Label } from '../eval/labels.js';
import { labelObjectMatches } from '../eval/judge.js';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');

const RULES_BY_CONCEPT: Readonly<Record<string, readonly string[]>> = {
  sa_token_automount: ['service-account-token-automount'],
  default_service_account: ['default-service-account'],
  image_latest_tag: ['image-latest-tag'],
  image_digest_missing: ['image-digest-missing'],
  image_pull_policy: ['image-pull-policy'],
  secrets_in_env: ['secret-in-env-literal'],
  secrets_env_ref: ['secret-env-reference'],
  secrets_in_configmap: ['secret-in-configmap'],
  resources_missing_limits: ['resources-limits-missing'],
  resources_missing_requests: ['resources-requests-missing'],
  resources_missing_limits_or_requests: ['resources-limits-missing', 'resources-requests-missing'],
  probes_missing: ['probes-missing'],
  default_namespace: ['default-namespace'],
};

/**
 * Several sources label one probe or one resource where our rule covers both: a finding only answers such a label
 * when it is about the same thing (a liveness label is not failed by a missing readiness probe).
 */
const mentions = (field: string, word: string) => (finding: Finding) => String(finding.data[field] ?? '').includes(word);
const LIVENESS = (finding: Finding) => finding.messageId !== 'readinessMissing';
const READINESS = (finding: Finding) => finding.messageId !== 'livenessMissing';
const ASPECT_OF_CHECK: Readonly<Record<string, (finding: Finding) => boolean>> = {
  'kube-linter:no-liveness-probe': LIVENESS,
  'kubescape:configured-liveness-probe': LIVENESS,
  'kube-linter:no-readiness-probe': READINESS,
  'kubescape:configured-readiness-probe': READINESS,
  'kube-linter:unset-cpu-requirements': mentions('resources', 'cpu'),
  'kube-linter:unset-memory-requirements': mentions('resources', 'memory'),
  'kubescape:resources-cpu-limits': mentions('resources', 'cpu'),
  'kubescape:resources-cpu-requests': mentions('resources', 'cpu'),
  'kubescape:resources-memory-limits': mentions('resources', 'memory'),
  'kubescape:resources-memory-requests': mentions('resources', 'memory'),
};

const KS = 'kubescape-regolibrary';
const ENV_LITERAL = 'rules/rule-credentials-in-env-var/test';
const REFERENCE_IS_NOT_A_LITERAL =
  'kubescape:rule-credentials-in-env-var also fails envFrom.secretRef, which puts no credential in the manifest: the value stays in the Secret. secrets_in_env is a literal credential; the reference is secret-env-reference (secrets_env_ref), which fires on these objects.';
const NO_CREDENTIAL_IN_VALUE =
  'No variable holds a credential: the only match of kubescape:rule-credentials-in-env-var is its sensitiveValues substring list (the word "JWT", or "_key_" inside "my_key_value") on a variable whose name says nothing about credentials. Firing on such words would flag ordinary configuration.';
const REQUEST_DEFAULTS_TO_LIMIT =
  'The container that lacks the request has a limit for that resource, and the API server defaults a missing request to the limit, so the request is set when the pod runs. kubescape:resources-*-requests reads the field as written.';

/** `folder · file · object · concept` → why the label is wrong, or right only under the source's own semantics. */
const KEPT_DISAGREEMENTS: Readonly<Record<string, string>> = {
  [`${KS} · rules/image-not-pinned-to-digest/test/pod-exempted-repo/input/pod.yaml · Pod//pod-exempted-repo · image_digest_missing`]:
    'The pass comes from a kubescape setting (imageDigestExemptRepositories: internal-registry) given only to this test case; the image internal-registry/nginx:1.25 is pinned by nothing.',
  [`${KS} · rules/resources-cpu-requests/test/pod-only-requests/input/pod.yaml · Pod//frontend · resources_missing_requests`]: REQUEST_DEFAULTS_TO_LIMIT,
  [`${KS} · rules/resources-memory-requests/test/pod-only-requests/input/pod.yaml · Pod//frontend · resources_missing_requests`]: REQUEST_DEFAULTS_TO_LIMIT,
  [`${KS} · ${ENV_LITERAL}/cronjob-envfrom-secretref/input/cronjob.yaml · CronJob//envfrom-secret-cronjob · secrets_in_env`]: REFERENCE_IS_NOT_A_LITERAL,
  [`${KS} · ${ENV_LITERAL}/cronjob-initcontainer-envfrom-secretref/input/cronjob.yaml · CronJob//initcontainer-secret-cronjob · secrets_in_env`]: REFERENCE_IS_NOT_A_LITERAL,
  [`${KS} · ${ENV_LITERAL}/pod-envfrom-secretref/input/pod.yaml · Pod//envfrom-secret-pod · secrets_in_env`]: REFERENCE_IS_NOT_A_LITERAL,
  [`${KS} · ${ENV_LITERAL}/pod-initcontainer-envfrom-secretref/input/pod.yaml · Pod//initcontainer-secret-pod · secrets_in_env`]: REFERENCE_IS_NOT_A_LITERAL,
  [`${KS} · ${ENV_LITERAL}/workloads-envfrom-secretref/input/deployment.yaml · Deployment//envfrom-secret-deploy · secrets_in_env`]: REFERENCE_IS_NOT_A_LITERAL,
  [`${KS} · ${ENV_LITERAL}/workloads-initcontainer-envfrom-secretref/input/deployment.yaml · Deployment//initcontainer-secret-deploy · secrets_in_env`]:
    REFERENCE_IS_NOT_A_LITERAL,
  [`${KS} · ${ENV_LITERAL}/deployment/input/deployment.yaml · Deployment/default/test2 · secrets_in_env`]: NO_CREDENTIAL_IN_VALUE,
  [`${KS} · ${ENV_LITERAL}/pod/input/pod.yaml · Pod//audit-pod · secrets_in_env`]: NO_CREDENTIAL_IN_VALUE,
  [`${KS} · ${ENV_LITERAL}/pod-allowed-values-keys/input/pod.yaml · Pod//audit-pod · secrets_in_env`]: NO_CREDENTIAL_IN_VALUE,
  [`${KS} · rules/pods-in-default-namespace/test/workload/input/deployment2.yaml · Deployment/not-default/test · default_namespace`]:
    'A labelling slip: the object is in namespace not-default, and kubescape\'s own expected output for the test case reports only Deployment default/test (the two share a name).',
};

interface Disagreement {
  key: string;
  expected: 'fail' | 'pass';
  sourceCheck: string;
}

/** Every corpora folder with labels of these concepts, and those labels. */
const LABELS_BY_FOLDER = new Map(
  readdirSync(CORPORA, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(CORPORA, entry.name, 'LABELS.tsv')))
    .map((entry) => [entry.name, parseLabels(readFileSync(path.join(CORPORA, entry.name, 'LABELS.tsv'), 'utf8')).labels] as const)
    .map(([folder, labels]) => [folder, labels.filter((label) => label.concept in RULES_BY_CONCEPT)] as const)
    .filter(([, labels]) => labels.length > 0),
);

async function disagreementsIn(folder: string): Promise<Disagreement[]> {
  const root = path.join(CORPORA, folder);
  const ours = LABELS_BY_FOLDER.get(folder) ?? [];
  const analyses = new Map<string, Finding[]>();
  const disagreements: Disagreement[] = [];
  for (const label of ours) {
    const rules = RULES_BY_CONCEPT[label.concept];
    const unitKey = JSON.stringify([label.unitPaths, rules]);
    let findings = analyses.get(unitKey);
    if (!findings) {
      findings = await scanUnit(root, label, rules);
      analyses.set(unitKey, findings);
    }
    const aspect = ASPECT_OF_CHECK[label.source_check] ?? (() => true);
    const fired = findings.some((finding) => label.objects.some((object) => labelObjectMatches(object, finding.object)) && aspect(finding));
    if (fired !== (label.expected === 'fail')) {
      disagreements.push({ key: [folder, label.file, label.object, label.concept].join(' · '), expected: label.expected, sourceCheck: label.source_check });
    }
  }
  return disagreements;
}

async function scanUnit(root: string, label: Label, rules: readonly string[]): Promise<Finding[]> {
  const loaded = await loadInputs(label.unitPaths, { cwd: root });
  const model = analyze({ objects: loaded.objects, options: { onlyRules: rules, includePlatform: true }, now: new Date(0), toolVersion: 'test' });
  return model.findings;
}

describe('agreement with the labelled corpora', () => {
  it('finds the labelled folders', () => {
    expect([...LABELS_BY_FOLDER.keys()]).toEqual(expect.arrayContaining(['kube-linter', 'kubescape-regolibrary']));
  });

  it.each([...LABELS_BY_FOLDER.keys()])('%s: every disagreement is one we keep, with its reason', async (folder) => {
    const disagreements = await disagreementsIn(folder);
    const unexplained = disagreements.filter((entry) => !(entry.key in KEPT_DISAGREEMENTS));
    expect(unexplained, 'disagreements without a kept reason').toEqual([]);
    const stale = Object.keys(KEPT_DISAGREEMENTS).filter((key) => key.startsWith(`${folder} · `) && !disagreements.some((entry) => entry.key === key));
    expect(stale, 'kept reasons that no longer match a disagreement').toEqual([]);
  });
});
