/**
 * What the estate runs to see an attacker: a metrics stack, a log shipper on every node, runtime detection, and
 * API-server audit logging. Recognised from images, kinds and the kube-apiserver static pod's flags.
 */
import type { Estate } from '../model/estate.js';
import { apiServerOf } from './api-server.js';
import type { K8sObject } from '../model/object.js';
import type { Workload } from '../model/workload.js';

interface Product {
  name: string;
  image: RegExp;
}

const METRICS: Product[] = [
  { name: 'Prometheus', image: /(^|\/)prometheus(\/prometheus)?(:|@|$)|prom\/prometheus|prometheus-operator|prometheus-config-reloader/ },
  { name: 'VictoriaMetrics', image: /victoriametrics\// },
  { name: 'Grafana Alloy', image: /grafana\/alloy/ },
  { name: 'Grafana Agent', image: /grafana\/agent/ },
  { name: 'Datadog Agent', image: /datadog\/agent|gcr\.io\/datadoghq\/agent/ },
  { name: 'OpenTelemetry Collector', image: /opentelemetry-collector/ },
];

const LOG_SHIPPERS: Product[] = [
  { name: 'Promtail', image: /grafana\/promtail/ },
  { name: 'Grafana Alloy', image: /grafana\/alloy/ },
  { name: 'Grafana Agent', image: /grafana\/agent/ },
  { name: 'Fluent Bit', image: /fluent-bit|fluentbit/ },
  { name: 'Fluentd', image: /fluentd/ },
  { name: 'Vector', image: /timberio\/vector|(^|\/)vector:/ },
  { name: 'Filebeat', image: /filebeat/ },
  { name: 'Datadog Agent', image: /datadog\/agent|gcr\.io\/datadoghq\/agent/ },
  { name: 'OpenTelemetry Collector', image: /opentelemetry-collector/ },
];

const RUNTIME_DETECTION: Product[] = [
  { name: 'Falco', image: /falcosecurity\/falco|(^|\/)falco(:|@|$)/ },
  { name: 'Tetragon', image: /cilium\/tetragon/ },
  { name: 'Tracee', image: /aquasec\/tracee/ },
  { name: 'KubeArmor', image: /kubearmor\/kubearmor/ },
  { name: 'Sysdig agent', image: /sysdig\/agent|sysdig\/agent-slim/ },
  { name: 'NeuVector enforcer', image: /neuvector\/enforcer/ },
  { name: 'CrowdStrike Falcon sensor', image: /falcon-sensor/ },
];

export interface Detected {
  product: string;
  workload: Workload;
}

export type AuditLogging = { state: 'enabled' | 'disabled'; apiServer: K8sObject } | { state: 'unknown' };

export interface Observability {
  metrics: Detected[];
  /** Log shippers that run as DaemonSets, so on every node. */
  logShippers: Detected[];
  runtimeDetection: Detected[];
  audit: AuditLogging;
}

const cache = new WeakMap<Estate, Observability>();

/** Computed once per estate: four rules and the controls matrix ask. */
export function observability(estate: Estate): Observability {
  let found = cache.get(estate);
  if (found === undefined) cache.set(estate, (found = detect(estate)));
  return found;
}

function detect(estate: Estate): Observability {
  const find = (products: Product[], daemonSetOnly: boolean): Detected[] => {
    const found: Detected[] = [];
    for (const workload of estate.workloads) {
      if (workload.managedBy || (daemonSetOnly && workload.kind !== 'DaemonSet')) continue;
      for (const container of workload.containers) {
        const product = products.find((candidate) => candidate.image.test(container.image ?? ''));
        if (product) {
          found.push({ product: product.name, workload });
          break;
        }
      }
    }
    return found;
  };
  const metrics = find(METRICS, false);
  if ((estate.byKind.get('Prometheus') ?? []).length > 0 && metrics.length === 0) {
    // A Prometheus custom resource means the operator runs it, even when the operator's own manifests are elsewhere.
    const prometheus = estate.workloads.find((workload) => workload.kind === 'Prometheus');
    if (prometheus) metrics.push({ product: 'Prometheus (operator)', workload: prometheus });
  }
  return { metrics, logShippers: find(LOG_SHIPPERS, true), runtimeDetection: find(RUNTIME_DETECTION, true), audit: auditLogging(estate) };
}

/** The kube-apiserver static pod (kubeadm's /etc/kubernetes/manifests/kube-apiserver.yaml) decides audit logging. */
function auditLogging(estate: Estate): AuditLogging {
  const apiServer = apiServerOf(estate);
  if (apiServer === undefined) return { state: 'unknown' };
  const has = (flag: string): boolean => apiServer.flag(flag) !== undefined;
  const enabled = has('--audit-policy-file') && (has('--audit-log-path') || has('--audit-webhook-config-file'));
  return { state: enabled ? 'enabled' : 'disabled', apiServer: apiServer.object };
}
