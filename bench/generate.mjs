#!/usr/bin/env node
/**
 * Deterministic generator of realistic clusters as `kubectl get -o json` List dumps (issue 7, scale benchmark).
 *
 *   node bench/generate.mjs [--no-mesh] PODS OUT.json
 *
 * At 150,000 pods: 5,000 nodes, 10,000 namespaces, 20,000 Services, 2,000 Ingresses, 30,000 service accounts,
 * 10,000 roles, 50,000 bindings, 10,000 NetworkPolicies, Secrets and ConfigMaps; smaller sizes scale down.
 * Objects are shaped like an API server returns them: uid, resourceVersion, managedFields, annotations, status.
 * Three tenant namespaces in ten are in an Istio mesh: their Pods run the sidecars Istio's webhook injects (none with
 * --no-mesh).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const args = process.argv.slice(2);
const noMesh = args.includes('--no-mesh');
const [podsArg, outArg] = args.filter((arg) => arg !== '--no-mesh');
const pods = Number(podsArg ?? 1000);
const out = outArg ?? `bench/out/cluster-${pods}${noMesh ? '-nomesh' : ''}.json`;
if (!Number.isInteger(pods) || pods < 100) {
  process.stderr.write('usage: node bench/generate.mjs [--no-mesh] PODS OUT.json (PODS >= 100)\n');
  process.exit(2);
}

// mulberry32: a small seeded PRNG, so every run writes the same file.
let seed = 0x6b756265;
function random() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
let uidCounter = 0;
const uid = () => {
  const n = (uidCounter++).toString(16).padStart(12, '0');
  return `6b756265-7468-7265-6174-${n}`;
};
let resourceVersion = 100000;
const hex = (length) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

const scale = pods / 150000;
const count = (top, minimum) => Math.max(minimum, Math.round(top * scale));
const NODES = count(5000, 3);
const NAMESPACES = count(10000, 8);
const SERVICES = count(20000, 10);
const INGRESSES = count(2000, 2);
const SERVICE_ACCOUNTS = count(30000, 10);
const ROLES = count(10000, 5);
const BINDINGS = count(50000, 10);
const POLICIES = count(10000, 5);
const SECRETS = count(20000, 10);
const CONFIGMAPS = count(20000, 10);
const TEAMS = ['payments', 'checkout', 'search', 'identity', 'catalog', 'ml', 'data', 'growth', 'ads', 'platform', 'risk', 'mobile'];
const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const IMAGES = ['nginx:1.27.2', 'ghcr.io/acme/api:4.2.1', 'ghcr.io/acme/worker:4.2.1', 'redis:7.2.5', 'postgres:16.4', 'ghcr.io/acme/web:latest', 'python:3.12-slim', 'eclipse-temurin:21-jre'];
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

const stream = createWriteStream(out);
let first = true;
async function emit(object) {
  const text = `${first ? '' : ',\n'}${JSON.stringify(object, null, 4).replace(/^/gm, '        ')}`;
  first = false;
  if (!stream.write(text)) await once(stream, 'drain');
}

const created = '2026-09-01T08:00:00Z';
function metadata(name, namespace, labels, extra = {}) {
  const meta = { name, uid: uid(), resourceVersion: String(resourceVersion++), creationTimestamp: created, labels };
  if (namespace) meta.namespace = namespace;
  meta.managedFields = [
    {
      manager: pick(['kubectl-client-side-apply', 'helm', 'argocd-controller', 'kube-controller-manager']),
      operation: 'Update',
      apiVersion: 'v1',
      time: created,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': Object.fromEntries(Object.keys(labels).map((key) => [`f:${key}`, {}])) }, 'f:spec': {} },
    },
  ];
  return Object.assign(meta, extra);
}

function container(name, hardened) {
  const c = {
    name,
    image: pick(IMAGES),
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    resources: hardened ? { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } } : {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
  };
  if (hardened) c.securityContext = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
  else if (chance(0.02)) c.securityContext = { privileged: true };
  if (chance(0.6)) c.readinessProbe = { httpGet: { path: '/ready', port: 'http', scheme: 'HTTP' }, periodSeconds: 10 };
  return c;
}

function podSpec(app, serviceAccount, hardened, node) {
  const spec = {
    containers: [container(app, hardened)],
    serviceAccountName: serviceAccount,
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: hardened ? { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } : {},
    terminationGracePeriodSeconds: 30,
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
  };
  if (node) spec.nodeName = node;
  if (chance(0.03)) spec.volumes = [{ name: 'host', hostPath: { path: pick(['/var/log', '/', '/var/run/docker.sock']), type: '' } }];
  return spec;
}

function podStatus(node) {
  return {
    phase: 'Running',
    hostIP: `10.0.${node % 250}.${node % 200}`,
    podIP: `10.${100 + (node % 100)}.${Math.floor(random() * 250)}.${Math.floor(random() * 250)}`,
    qosClass: 'Burstable',
    startTime: created,
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: created })),
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, started: true, image: 'x', imageID: `docker-pullable://x@sha256:${hex(64)}`, containerID: `containerd://${hex(64)}`, state: { running: { startedAt: created } } }],
  };
}

stream.write('{\n    "apiVersion": "v1",\n    "items": [\n');

// Nodes, whose status is as a kubelet writes it: conditions, addresses, and the images on the node (tens of KB).
const SYSTEM_IMAGES = ['registry.k8s.io/pause:3.10', 'registry.k8s.io/kube-proxy:v1.31.2', 'registry.k8s.io/coredns/coredns:v1.11.3', 'amazon/aws-node:v1.18.5', 'amazon/aws-ebs-csi-driver:v1.35.0', 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.12.0', 'registry.k8s.io/sig-storage/livenessprobe:v2.14.0', 'fluent/fluent-bit:3.1.9', 'quay.io/prometheus/node-exporter:v1.8.2'];
const NODE_IMAGE_POOL = [...IMAGES, ...Array.from({ length: 60 }, (_, k) => `ghcr.io/acme/${TEAMS[k % TEAMS.length]}-service-${k}:${1 + (k % 5)}.${k % 10}.${k % 3}`)];
/** A digest of the image's own, the same on every node. */
const digestOf = (image) => Array.from({ length: 8 }, (_, k) => ((Math.imul(k + 1, 0x9e3779b1) ^ [...image].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619), 2166136261)) >>> 0).toString(16).padStart(8, '0')).join('');
function nodeStatus(n, name) {
  // A generator of its own per node, so that the rest of the dump does not depend on the nodes' status.
  let state = 0x6e6f6465 + n;
  const draw = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const images = [...SYSTEM_IMAGES, ...NODE_IMAGE_POOL.filter(() => draw() < 0.4)].map((image) => ({
    names: [`${image.split(':')[0]}@sha256:${digestOf(image)}`, image],
    sizeBytes: 1000000 + Math.floor(draw() * 900000000),
  }));
  const ip = `10.0.${Math.floor(n / 250)}.${n % 250}`;
  const condition = (type, status, reason, message) => ({ type, status, lastHeartbeatTime: created, lastTransitionTime: created, reason, message });
  return {
    capacity: { cpu: '16', 'ephemeral-storage': '104845292Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '65023652Ki', pods: '110' },
    allocatable: { cpu: '15890m', 'ephemeral-storage': '95551679124', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '64006308Ki', pods: '110' },
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ],
    addresses: [{ type: 'InternalIP', address: ip }, { type: 'InternalDNS', address: name }, { type: 'Hostname', address: name }],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: `ec2${n.toString(16).padStart(29, '0')}`,
      systemUUID: `ec2${n.toString(16).padStart(5, '0')}-6b75-6265-7468-726561746d6f`,
      bootID: `6b756265-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      kernelVersion: '6.1.112-122.189.amzn2023.x86_64',
      osImage: 'Amazon Linux 2023.6.20241031',
      containerRuntimeVersion: 'containerd://1.7.22',
      kubeletVersion: 'v1.31.2-eks-94953ac',
      kubeProxyVersion: 'v1.31.2-eks-94953ac',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images,
  };
}
const nodeNames = [];
for (let n = 0; n < NODES; n++) {
  const name = `ip-10-0-${Math.floor(n / 250)}-${n % 250}.eu-west-1.compute.internal`;
  nodeNames.push(name);
  const pool = n < 3 ? 'control-plane' : pick(['general', 'general', 'general', 'memory', 'gpu']);
  const labels = { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': ZONES[n % 3], 'node.kubernetes.io/pool': pool };
  if (pool === 'control-plane') labels['node-role.kubernetes.io/control-plane'] = '';
  await emit({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: metadata(name, undefined, labels),
    spec: { providerID: `aws:///${ZONES[n % 3]}/i-${hex(17)}`, ...(pool === 'control-plane' ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}) },
    status: nodeStatus(n, name),
  });
}

// Namespaces: platform namespaces, then team × environment × app.
const namespaces = ['kube-system', 'monitoring', 'logging', 'ingress-nginx'];
while (namespaces.length < NAMESPACES) namespaces.push(`${pick(TEAMS)}-${namespaces.length}-${pick(ENVIRONMENTS)}`);
// Three tenant namespaces in ten are in an Istio mesh (chosen by their place, not at random, so that the rest of the
// dump is what it was before the mesh was added): their Pods run the sidecars Istio's webhook injects.
// With --no-mesh, none is: the dump is the one this generator wrote before the mesh was added.
const meshed = new Set(noMesh ? [] : namespaces.filter((name, index) => index >= 4 && index % 10 < 3));
for (const name of namespaces) {
  const labels = { 'kubernetes.io/metadata.name': name };
  const environment = name.split('-').pop();
  if (ENVIRONMENTS.includes(environment)) labels.environment = environment;
  if (meshed.has(name)) labels['istio-injection'] = 'enabled';
  if (environment === 'prod' || chance(0.3)) labels['pod-security.kubernetes.io/enforce'] = environment === 'prod' ? 'restricted' : 'baseline';
  await emit({ apiVersion: 'v1', kind: 'Namespace', metadata: metadata(name, undefined, labels), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
}
const tenantNamespaces = namespaces.slice(4);

// Service accounts (two per namespace at least).
const accounts = [];
const accountsByNamespace = new Map();
for (let i = 0; i < SERVICE_ACCOUNTS; i++) {
  const namespace = i < namespaces.length ? namespaces[i] : pick(tenantNamespaces);
  const name = i < namespaces.length ? 'default' : `app-${i}`;
  accounts.push([namespace, name]);
  if (name !== 'default') accountsByNamespace.set(namespace, [...(accountsByNamespace.get(namespace) ?? []), name]);
  await emit({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata(name, namespace, {}) });
}

// Workloads and their pods: DaemonSets (one pod per node), Deployments (through ReplicaSets), StatefulSets, Jobs.
let podsLeft = pods;
let nodeCursor = 0;
const nextNode = () => nodeCursor++ % NODES;
async function pod(name, namespace, labels, owner, spec, node) {
  podsLeft--;
  const injected = meshed.has(namespace) ? istioInjected(spec, labels.app ?? owner.name, namespace) : spec;
  await emit({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadata(name, namespace, labels, {
      ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true }],
      ...(injected !== spec ? { annotations: { 'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"]}' } } : {}),
    }),
    spec: { ...injected, nodeName: nodeNames[node] },
    status: podStatus(node),
  });
}

/** A pod spec as Istio's sidecar injector leaves it (1.22, without the CNI plugin): istio-init and istio-proxy added. */
function istioInjected(spec, app, namespace) {
  const image = 'docker.io/istio/proxyv2:1.22.3';
  const resources = { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } };
  const init = {
    name: 'istio-init',
    image,
    args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020', '--log_output_level=default:info'],
    imagePullPolicy: 'IfNotPresent',
    resources,
    securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: false, runAsGroup: 0, runAsNonRoot: false, runAsUser: 0 },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
  const fieldEnv = (name, fieldPath) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });
  const proxy = {
    name: 'istio-proxy',
    image,
    args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
    env: [
      { name: 'PILOT_CERT_PROVIDER', value: 'istiod' },
      { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
      fieldEnv('POD_NAME', 'metadata.name'),
      fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
      fieldEnv('INSTANCE_IP', 'status.podIP'),
      fieldEnv('SERVICE_ACCOUNT', 'spec.serviceAccountName'),
      fieldEnv('HOST_IP', 'status.hostIP'),
      { name: 'ISTIO_CPU_LIMIT', valueFrom: { resourceFieldRef: { divisor: '0', resource: 'limits.cpu' } } },
      { name: 'PROXY_CONFIG', value: '{}\n' },
      { name: 'ISTIO_META_POD_PORTS', value: '[\n    {"name":"http","containerPort":8080,"protocol":"TCP"}\n]' },
      { name: 'ISTIO_META_APP_CONTAINERS', value: 'app' },
      { name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' },
      fieldEnv('ISTIO_META_NODE_NAME', 'spec.nodeName'),
      { name: 'ISTIO_META_INTERCEPTION_MODE', value: 'REDIRECT' },
      { name: 'ISTIO_META_WORKLOAD_NAME', value: app },
      { name: 'ISTIO_META_OWNER', value: `kubernetes://apis/apps/v1/namespaces/${namespace}/deployments/${app}` },
      { name: 'ISTIO_META_MESH_ID', value: 'cluster.local' },
      { name: 'TRUST_DOMAIN', value: 'cluster.local' },
    ],
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    readinessProbe: { failureThreshold: 4, httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, periodSeconds: 15, successThreshold: 1, timeoutSeconds: 3 },
    resources,
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsGroup: 1337, runAsNonRoot: true, runAsUser: 1337 },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: ['workload-socket', 'credential-socket', 'workload-certs', 'istiod-ca-cert', 'istio-data', 'istio-envoy', 'istio-token', 'istio-podinfo'].map((name) => ({ mountPath: `/var/run/secrets/${name}`, name })),
  };
  const volumes = [
    { name: 'workload-socket', emptyDir: {} },
    { name: 'credential-socket', emptyDir: {} },
    { name: 'workload-certs', emptyDir: {} },
    { name: 'istio-envoy', emptyDir: { medium: 'Memory' } },
    { name: 'istio-data', emptyDir: {} },
    { name: 'istio-podinfo', downwardAPI: { defaultMode: 420, items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' }, path: 'labels' }] } },
    { name: 'istio-token', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } }] } },
    { name: 'istiod-ca-cert', configMap: { defaultMode: 420, name: 'istio-ca-root-cert' } },
  ];
  return { ...spec, initContainers: [...(spec.initContainers ?? []), init], containers: [...spec.containers, proxy], volumes: [...(spec.volumes ?? []), ...volumes] };
}
const daemonSets = [
  ['kube-system', 'kube-proxy'],
  ['logging', 'fluent-bit'],
  ['monitoring', 'node-exporter'],
];
for (const [namespace, app] of daemonSets) {
  if (podsLeft < NODES) break;
  const labels = { 'app.kubernetes.io/name': app };
  const spec = podSpec(app, 'default', false);
  if (app !== 'fluent-bit') spec.hostNetwork = true;
  const meta = metadata(app, namespace, labels);
  await emit({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } }, status: { desiredNumberScheduled: NODES, numberReady: NODES } });
  for (let n = 0; n < NODES; n++) await pod(`${app}-${hex(5)}`, namespace, labels, { apiVersion: 'apps/v1', kind: 'DaemonSet', name: app, uid: meta.uid }, spec, n);
}
let appIndex = 0;
while (podsLeft > 0) {
  const namespace = pick(tenantNamespaces);
  const app = `${pick(['api', 'web', 'worker', 'cache', 'db', 'gateway', 'indexer'])}-${appIndex++}`;
  const team = namespace.split('-')[0];
  const labels = { app, 'app.kubernetes.io/name': app, team };
  const hardened = namespace.endsWith('prod') || chance(0.3);
  const account = chance(0.7) ? pick([...(accountsByNamespace.get(namespace) ?? []), 'default']) : 'default';
  const spec = podSpec(app, account, hardened);
  const kindRoll = random();
  const replicas = Math.min(podsLeft, 1 + Math.floor(random() * 5));
  if (kindRoll < 0.75) {
    const deployment = metadata(app, namespace, labels, { annotations: { 'deployment.kubernetes.io/revision': '3' } });
    await emit({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: deployment, spec: { replicas, selector: { matchLabels: { app } }, strategy: { type: 'RollingUpdate' }, template: { metadata: { labels }, spec } }, status: { replicas, readyReplicas: replicas } });
    const hash = hex(10);
    const rs = metadata(`${app}-${hash}`, namespace, { ...labels, 'pod-template-hash': hash }, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: deployment.uid, controller: true }] });
    await emit({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: rs, spec: { replicas, selector: { matchLabels: { app, 'pod-template-hash': hash } }, template: { metadata: { labels: { ...labels, 'pod-template-hash': hash } }, spec } }, status: { replicas } });
    for (let r = 0; r < replicas; r++) await pod(`${app}-${hash}-${hex(5)}`, namespace, { ...labels, 'pod-template-hash': hash }, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.name, uid: rs.uid }, spec, nextNode());
  } else if (kindRoll < 0.88) {
    const set = metadata(app, namespace, labels);
    await emit({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: set, spec: { replicas, serviceName: app, selector: { matchLabels: { app } }, template: { metadata: { labels }, spec } }, status: { replicas } });
    for (let r = 0; r < replicas; r++) await pod(`${app}-${r}`, namespace, labels, { apiVersion: 'apps/v1', kind: 'StatefulSet', name: app, uid: set.uid }, spec, nextNode());
  } else {
    const job = metadata(app, namespace, labels);
    const jobSpec = { ...spec, restartPolicy: 'OnFailure' };
    await emit({ apiVersion: 'batch/v1', kind: 'Job', metadata: job, spec: { backoffLimit: 3, template: { metadata: { labels }, spec: jobSpec } }, status: { succeeded: 1 } });
    await pod(`${app}-${hex(5)}`, namespace, labels, { apiVersion: 'batch/v1', kind: 'Job', name: app, uid: job.uid }, jobSpec, nextNode());
  }
}

// Services and Ingresses.
for (let i = 0; i < SERVICES; i++) {
  const namespace = pick(tenantNamespaces);
  const type = chance(0.03) ? 'LoadBalancer' : chance(0.05) ? 'NodePort' : 'ClusterIP';
  await emit({ apiVersion: 'v1', kind: 'Service', metadata: metadata(`svc-${i}`, namespace, {}), spec: { type, selector: { app: `api-${Math.floor(random() * appIndex)}` }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], clusterIP: `172.20.${Math.floor(i / 250) % 250}.${i % 250}` } });
}
for (let i = 0; i < INGRESSES; i++) {
  const namespace = pick(tenantNamespaces);
  await emit({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: metadata(`ing-${i}`, namespace, {}), spec: { ingressClassName: 'nginx', ...(chance(0.7) ? { tls: [{ hosts: [`app${i}.example.com`], secretName: `tls-${i}` }] } : {}), rules: [{ host: `app${i}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: `svc-${i}`, port: { number: 80 } } } }] } }] } });
}

// RBAC.
const verbsChoices = [['get', 'list', 'watch'], ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], ['*']];
const resourceChoices = [['pods'], ['configmaps'], ['secrets'], ['deployments', 'statefulsets'], ['pods/exec'], ['*']];
const roleNames = [];
for (let i = 0; i < ROLES; i++) {
  const namespace = pick(tenantNamespaces);
  roleNames.push([namespace, `role-${i}`]);
  const resources = pick(resourceChoices);
  await emit({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: metadata(`role-${i}`, namespace, {}), rules: [{ apiGroups: resources[0] === 'deployments' ? ['apps'] : [''], resources, verbs: pick(verbsChoices) }] });
}
for (let i = 0; i < BINDINGS; i++) {
  const [namespace, role] = pick(roleNames);
  const subject = chance(0.6) ? { kind: 'ServiceAccount', name: pick(accounts)[1], namespace } : chance(0.5) ? { kind: 'User', name: `user${i % 2000}@example.com`, apiGroup: 'rbac.authorization.k8s.io' } : { kind: 'Group', name: `team-${pick(TEAMS)}`, apiGroup: 'rbac.authorization.k8s.io' };
  const toClusterRole = chance(0.3);
  await emit({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: metadata(`binding-${i}`, namespace, {}), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: toClusterRole ? 'ClusterRole' : 'Role', name: toClusterRole ? pick(['view', 'edit', 'admin']) : role }, subjects: [subject] });
}

// NetworkPolicies: default deny in most prod namespaces, allow rules elsewhere.
for (let i = 0; i < POLICIES; i++) {
  const namespace = pick(tenantNamespaces);
  const deny = chance(0.4);
  await emit({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(deny ? `default-deny-${i}` : `allow-${i}`, namespace, {}),
    spec: deny
      ? { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }
      : { podSelector: { matchLabels: { app: `api-${Math.floor(random() * appIndex)}` } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }, { podSelector: { matchLabels: { team: pick(TEAMS) } } }], ports: [{ port: 'http', protocol: 'TCP' }] }] },
  });
}

// Secrets (metadata only, as kubethreat reads them) and ConfigMaps.
for (let i = 0; i < SECRETS; i++) {
  const namespace = pick(namespaces);
  await emit({ apiVersion: 'v1', kind: 'Secret', type: pick(['Opaque', 'kubernetes.io/tls', 'kubernetes.io/dockerconfigjson']), metadata: metadata(`secret-${i}`, namespace, {}), data: { key: Buffer.from(hex(24)).toString('base64') } });
}
for (let i = 0; i < CONFIGMAPS; i++) {
  const namespace = pick(namespaces);
  await emit({ apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(`config-${i}`, namespace, {}), data: { 'app.yaml': `log_level: info\nfeature_flags: ${hex(32)}\n` } });
}

stream.write('\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
stream.end();
await once(stream, 'finish');
process.stderr.write(`wrote ${out}: ${pods} pods, ${NODES} nodes, ${NAMESPACES} namespaces\n`);
