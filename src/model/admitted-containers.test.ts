import { describe, expect, it } from 'vitest';
import { analyzeText, findingsOf } from '../testing/scan-text.js';
import { parseManifestText } from '../load/parse-text.js';
import { buildEstate } from './estate.js';

const TEMPLATE_SPEC = `      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: web
          image: registry.example.com/web:1.0.0
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
`;

const deployment = (templateSpec = TEMPLATE_SPEC): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, uid: d-1 }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
${templateSpec}---
`;

const replicaSet = (templateSpec = TEMPLATE_SPEC, name = 'web-7d9f8b6c4', uid = 'rs-1'): string => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
  namespace: shop
  uid: ${uid}
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true }]
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
${templateSpec}---
`;

const ISTIO_INIT = `    - name: istio-init
      image: docker.io/istio/proxyv2:1.22.0
      securityContext: { runAsUser: 0, runAsNonRoot: false, allowPrivilegeEscalation: false, capabilities: { add: [NET_ADMIN, NET_RAW], drop: [ALL] } }
`;

/** A Pod of the ReplicaSet, as an API server returns it once Istio's webhook has injected its sidecars. */
const meshedPod = (name = 'web-7d9f8b6c4-abcde', owner = 'kind: ReplicaSet, name: web-7d9f8b6c4, uid: rs-1'): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels: { app: web }
  ownerReferences: [{ apiVersion: apps/v1, ${owner}, controller: true }]
spec:
  nodeName: node-1
  securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
  initContainers:
${ISTIO_INIT}  containers:
    - name: web
      image: registry.example.com/web:1.0.0
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
    - name: istio-proxy
      image: docker.io/istio/proxyv2:1.22.0
      securityContext: { runAsUser: 1337, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
---
`;

function estateOf(text: string) {
  return buildEstate(parseManifestText(text, 'test.yaml').objects);
}

describe('containers added at admission', () => {
  it("are the Pod's containers that no template lists, kept on the workload that stands for the Pod", () => {
    const estate = estateOf(deployment() + replicaSet() + meshedPod());
    const web = estate.workloads.find((workload) => workload.kind === 'Deployment')!;
    expect(web.containers.map((container) => container.name)).toEqual(['web']);
    expect(web.admitted.map((container) => [container.list, container.name, container.path.join('.'), container.admittedIn?.metadata.name])).toEqual([
      ['initContainers', 'istio-init', 'spec.initContainers.0', 'web-7d9f8b6c4-abcde'],
      ['containers', 'istio-proxy', 'spec.containers.1', 'web-7d9f8b6c4-abcde'],
    ]);
    // The ReplicaSet and the Pod are analysed through the Deployment, and keep nothing of it.
    for (const workload of estate.workloads.filter((candidate) => candidate !== web)) expect(workload.admitted).toEqual([]);
  });

  it('are taken once per workload, from the first Pod that runs them', () => {
    const estate = estateOf(deployment() + replicaSet() + meshedPod('web-7d9f8b6c4-abcde') + meshedPod('web-7d9f8b6c4-fghij'));
    const web = estate.workloads.find((workload) => workload.kind === 'Deployment')!;
    expect(web.admitted.map((container) => `${container.name} ${container.admittedIn?.metadata.name}`)).toEqual(['istio-init web-7d9f8b6c4-abcde', 'istio-proxy web-7d9f8b6c4-abcde']);
  });

  it("are judged against the Pod's own ReplicaSet, the revision it was made from, not the Deployment's newer template", () => {
    // A rollout renamed the container: the old ReplicaSet's Pods still run "app", which the Deployment no longer lists.
    const oldSpec = TEMPLATE_SPEC.replace('- name: web', '- name: app');
    const pod = meshedPod().replace('    - name: web\n', '    - name: app\n');
    const estate = estateOf(deployment() + replicaSet(oldSpec) + pod);
    const web = estate.workloads.find((workload) => workload.kind === 'Deployment')!;
    expect(web.admitted.map((container) => container.name)).toEqual(['istio-init', 'istio-proxy']);
  });

  it("are judged against the controller's template when the Pod's owner lists no container (a dump's emptied ReplicaSet)", () => {
    const estate = estateOf(deployment() + replicaSet('      containers: []\n') + meshedPod());
    const web = estate.workloads.find((workload) => workload.kind === 'Deployment')!;
    expect(web.admitted.map((container) => container.name)).toEqual(['istio-init', 'istio-proxy']);
  });

  it('are not looked for in Pods whose owner is not in the input (such a Pod is analysed itself), nor counted from ephemeral containers', () => {
    const orphan = estateOf(meshedPod());
    expect(orphan.workloads.map((workload) => [workload.kind, workload.admitted.length, workload.containers.length])).toEqual([['Pod', 0, 3]]);
    const debugged = estateOf(
      deployment() + replicaSet() + meshedPod().replace(ISTIO_INIT, '    - name: web-setup\n      image: registry.example.com/web:1.0.0\n').replace('  initContainers:\n', '  ephemeralContainers:\n'),
    );
    const web = debugged.workloads.find((workload) => workload.kind === 'Deployment')!;
    expect(web.admitted.map((container) => container.name)).toEqual(['istio-proxy']);
  });

  it('are none when the Pods run just what the template lists', () => {
    const plain = meshedPod().replace(ISTIO_INIT, '').replace('  initContainers:\n', '').replace(/    - name: istio-proxy\n.*\n.*\n/, '');
    const estate = estateOf(deployment() + replicaSet() + plain);
    expect(estate.workloads.every((workload) => workload.admitted.length === 0)).toBe(true);
  });

  it('are found in the Pods of a DaemonSet and of a CronJob, through its Job', () => {
    const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: shop, uid: ds-1 }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
${TEMPLATE_SPEC}---
`;
    const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: shop, uid: cj-1 }
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
${TEMPLATE_SPEC.replace(/^/gm, '    ').trimEnd()}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: nightly-2901
  namespace: shop
  uid: job-1
  ownerReferences: [{ apiVersion: batch/v1, kind: CronJob, name: nightly, uid: cj-1, controller: true }]
spec:
  template:
    spec:
      containers: []
---
`;
    const estate = estateOf(daemonSet + meshedPod('agent-x1', 'kind: DaemonSet, name: agent, uid: ds-1') + cronJob + meshedPod('nightly-2901-q', 'kind: Job, name: nightly-2901, uid: job-1'));
    const admitted = Object.fromEntries(estate.workloads.filter((workload) => workload.admitted.length > 0).map((workload) => [workload.kind, workload.admitted.map((container) => container.name)]));
    expect(admitted).toEqual({ DaemonSet: ['istio-init', 'istio-proxy'], CronJob: ['istio-init', 'istio-proxy'] });
  });

  it('are reported as containers of the workload, located in the Pod, with the Pod as evidence, without a fix, and say they were added', () => {
    const findings = findingsOf('capabilities-dangerous', deployment() + replicaSet() + meshedPod());
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding.object).toMatchObject({ kind: 'Deployment', name: 'web' });
    expect(finding.container).toBe('istio-init');
    expect(finding.path).toBe('spec.initContainers[0].securityContext.capabilities.add');
    // In the Pod, the third document: the line of istio-init's securityContext.
    const text = deployment() + replicaSet() + meshedPod();
    expect(text.split('\n')[finding.location.line - 1]).toContain('capabilities: { add: [NET_ADMIN, NET_RAW]');
    expect(finding.related).toEqual([{ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web-7d9f8b6c4-abcde' }]);
    expect(finding.fix).toBeUndefined();
    expect(finding.message).toBe(
      'Container istio-init of Deployment shop/web adds "NET_ADMIN", "NET_RAW", outside the capabilities a container runtime grants by default. Admission added this container to the pods (seen in Pod shop/web-7d9f8b6c4-abcde); no template lists it, so the measure goes where it is added (a mutating webhook\'s configuration).',
    );
  });

  it('keep their fingerprints when the Pod they were read from is replaced by another', () => {
    const before = findingsOf('run-as-root', deployment() + replicaSet() + meshedPod('web-7d9f8b6c4-abcde'));
    const after = findingsOf('run-as-root', deployment() + replicaSet() + meshedPod('web-7d9f8b6c4-zzzzz'));
    expect(before.map((finding) => finding.container)).toEqual(['istio-init']);
    expect(after.map((finding) => finding.fingerprint)).toEqual(before.map((finding) => finding.fingerprint));
  });

  it('are judged by the Pod Security rules on the Pod, and lower the workload\'s level to what its Pods run', () => {
    const model = analyzeText(deployment() + replicaSet() + meshedPod(), { onlyRules: ['capabilities-added', 'run-as-root'] });
    expect(model.findings.map((finding) => `${finding.ruleId} ${finding.container} ${finding.path}`)).toEqual([
      'run-as-root istio-init spec.initContainers[0].securityContext.runAsUser',
      'capabilities-added istio-init spec.initContainers[0].securityContext.capabilities.add',
    ]);
    expect(model.workloads.map((workload) => [workload.object.name, workload.podSecurityLevel])).toEqual([['web', 'privileged']]);
    const unmeshed = analyzeText(deployment(), { onlyRules: ['capabilities-added'] });
    expect(unmeshed.workloads.map((workload) => workload.podSecurityLevel)).toEqual(['restricted']);
  });
});
