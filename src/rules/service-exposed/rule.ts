import type { Estate } from '../../model/estate.js';
import { objectRef, type ObjectRef } from '../../model/object.js';
import type { Workload } from '../../model/workload.js';
import { networkOfEstate, podGroupOfWorkload } from '../../network/estate-network.js';
import { isEmptyPortSet } from '../../network/ports.js';
import { rbacOfObject } from '../../rbac/estate-rbac.js';
import type { Severity } from '../../taxonomy/index.js';
import { defineRule } from '../define-rule.js';
import { volumes, workloadLabel, listNames } from '../helpers.js';
import { policyLabel } from '../network-helpers.js';
import { accountPower } from '../rbac-subject-findings.js';
import { tokenAutomount } from '../service-account-token.js';
import { backendsOf, exposuresOf, serviceSelector, type Exposure } from './exposures.js';

/**
 * One finding per workload that outside traffic reaches (kubescape C-0256's subject), naming every Service and
 * Ingress that exposes it; a Service whose pods are not in the input (no selector, or none matching) is reported
 * itself (kube-linter exposed-services' subject), since it opens its port whatever stands behind it.
 */
export default defineRule({
  id: 'service-exposed',
  title: 'Workload is exposed outside the cluster',
  boundary: 'pod',
  stride: ['spoofing', 'tampering', 'information-disclosure'],
  severity: 'medium',
  references: {
    attack: ['T1190', 'T1133'],
    microsoft: ['Application vulnerability', 'Exposed sensitive interfaces'],
    peers: ['kubescape:C-0256', 'kube-linter:exposed-services', 'popeye:POP-1103', 'trivy:KSV-0108'],
  },
  rationale:
    'A LoadBalancer or NodePort Service, externalIPs or an Ingress makes the pods reachable from outside the cluster: any vulnerability in the application is an entry point, and what the pod can do next (a token with RBAC permissions, a setting that reaches the node) is what the internet gets.',
  remediation:
    'Expose only what must be public: prefer a ClusterIP Service behind one Ingress controller, restrict LoadBalancers with spec.loadBalancerSourceRanges or an internal load balancer annotation, avoid NodePort and externalIPs, and admit only the ingress controller in the pods\' NetworkPolicy.',
  messages: {
    open: '{{workload}} is exposed outside the cluster through {{via}}, and its pods accept connections from any source{{escalation}}.',
    restricted: '{{workload}} is exposed outside the cluster through {{via}}; {{policies}} admit only listed sources{{escalation}}.',
    serviceOnly: 'Service {{service}} is exposed outside the cluster ({{how}}), and {{backends}}.',
  },
  check({ estate, options, report }) {
    const network = networkOfEstate(estate);
    const byWorkload = new Map<Workload, Exposure[]>();
    for (const exposure of exposuresOf(estate)) {
      const backends = backendsOf(estate, exposure.service);
      for (const workload of backends) byWorkload.set(workload, [...(byWorkload.get(workload) ?? []), exposure]);
      if (backends.length > 0 || exposure.via !== exposure.service) continue;
      const selector = serviceSelector(exposure.service);
      report({
        messageId: 'serviceOnly',
        data: {
          service: `${exposure.service.metadata.namespace ?? estate.defaultNamespace}/${exposure.service.metadata.name}`,
          how: exposure.how,
          backends:
            selector === undefined
              ? 'it has no selector: whatever its Endpoints name receives the traffic'
              : `no workload in the input carries its selector (${Object.entries(selector).map(([key, value]) => `${key}=${value}`).join(', ')})`,
        },
        object: exposure.service,
        path: exposure.path,
      });
    }
    for (const [workload, exposures] of byWorkload) {
      const group = podGroupOfWorkload(estate, workload);
      const ingress = group === undefined ? undefined : network.ingressFrom(group);
      const restricted = ingress !== undefined && ingress.isolatedBy.length > 0 && isEmptyPortSet(ingress.openToAnySource) && !ingress.internet.allowed;
      const escalation = escalationOf(estate, workload, options.kubernetesVersion);
      const via = listNames([...new Set(exposures.map((exposure) => (exposure.via === exposure.service ? `Service ${exposure.service.metadata.name} (${exposure.how})` : `${exposure.how} → Service ${exposure.service.metadata.name}`)))]);
      const severity: Severity = restricted ? 'low' : escalation.length > 0 ? 'high' : 'medium';
      const related: ObjectRef[] = [...new Map(exposures.flatMap((exposure) => [exposure.service, exposure.via]).map((object) => [object, objectRef(object)])).values()];
      report({
        messageId: restricted ? 'restricted' : 'open',
        data: {
          workload: workloadLabel(workload),
          via,
          policies: restricted ? listNames(ingress.isolatedBy.map(policyLabel), 3) : '',
          escalation: escalation.length > 0 ? `; a compromised pod ${escalation.join(' and ')}` : '',
        },
        object: workload.object,
        path: [...workload.templatePath, 'metadata', 'labels'],
        related,
        severity,
      });
    }
  },
});

/** What makes an exposed pod worth more to an attacker: a way onto the node, or a token with real permissions. */
function escalationOf(estate: Estate, workload: Workload, kubernetesVersion: string | undefined): string[] {
  const out: string[] = [];
  const spec = workload.spec;
  const privileged = workload.containers.some((container) => container.security.privileged.value === true);
  const hostPath = volumes(workload).some((volume) => volume.spec.hostPath !== undefined);
  if (privileged || spec.hostPID === true || spec.hostIPC === true || spec.hostNetwork === true || hostPath) out.push('can reach its node');
  if (tokenAutomount(estate, workload).reason !== undefined) {
    // What the token rules judge it by: the account's own grants (not what every authenticated identity has).
    const { risk } = accountPower(rbacOfObject(estate, workload.object, kubernetesVersion), workload.namespace, workload.serviceAccountName);
    if (risk === 'cluster-takeover' || risk === 'secrets' || risk === 'workload-control') out.push(`holds a token with ${risk === 'cluster-takeover' ? 'cluster-takeover' : risk === 'secrets' ? 'Secret-reading' : 'workload-control'} permissions`);
  }
  return out;
}
