import { kubernetesMinorOf } from '../../model/kubernetes-version.js';
import { asString, getPath } from '../../model/json.js';
import { objectsOfKind } from '../../model/estate.js';
import { defineRule } from '../define-rule.js';
import { clusterObject } from '../helpers.js';
import { endOfLife, oldestSupported } from './release-dates.js';

interface Verdict {
  minor: number;
  /** The end in words: "on 2025-07-15", or "before 2021-10-28" for a minor older than the table. */
  endText: string;
  /** It has not ended yet. */
  soon: boolean;
}

/** Support ending within this many days is reported (at low severity) so the upgrade can be planned. */
const WARN_DAYS = 60;

/**
 * The control plane's version is the cluster's (AnalysisOptions.kubernetesVersion: a live cluster's API server, or
 * --kubernetes-version); each Node's kubelet says its own (status.nodeInfo.kubeletVersion), which lags behind the
 * control plane wherever node pools are upgraded last.
 */
export default defineRule({
  id: 'kubernetes-version-end-of-life',
  title: 'Kubernetes version out of upstream support',
  boundary: 'cluster',
  stride: ['tampering', 'elevation-of-privilege'],
  severity: 'medium',
  persistence: true,
  references: {
    attack: ['T1190', 'T1068'],
    microsoft: ['Application vulnerability'],
    peers: ['kubescape:C-0273', 'popeye:POP-405'],
    links: ['https://kubernetes.io/releases/', 'https://kubernetes.io/releases/version-skew-policy/'],
  },
  rationale:
    'Each Kubernetes minor gets patch releases, security fixes included, for about fourteen months. After that, every vulnerability found in the API server, the kubelet or their dependencies (Go itself among them) is published and never fixed for that version: a cluster or a node pool left on it keeps them all. Managed offerings (EKS extended support, AKS long-term support, GKE extended channel) may patch a version for longer, at their own terms; check the provider before relying on it.',
  remediation:
    'Upgrade the control plane one minor at a time to a supported release, then the node pools (a kubelet may be up to three minors older than the API server, never newer); keep both on a schedule that stays within the supported window.',
  messages: {
    controlPlane: 'The cluster runs Kubernetes {{version}}: v1.{{minor}} reached end of life {{end}} and gets no more security fixes; upgrade to {{supported}}.',
    controlPlaneSoon: 'The cluster runs Kubernetes {{version}}: v1.{{minor}} reaches end of life {{end}}; plan the upgrade to {{supported}}.',
    node: 'Node {{node}} runs kubelet {{version}}: v1.{{minor}} reached end of life {{end}} and gets no more security fixes; upgrade its node pool to {{supported}}.',
    nodeSoon: 'Node {{node}} runs kubelet {{version}}: v1.{{minor}} reaches end of life {{end}}; plan the upgrade of its node pool to {{supported}}.',
  },
  check({ estate, options, now, report }) {
    const today = now.toISOString().slice(0, 10);
    const soon = new Date(now.getTime() + WARN_DAYS * 86_400_000).toISOString().slice(0, 10);
    const oldest = oldestSupported(soon);
    const supported = oldest === undefined ? 'a supported minor' : `v1.${oldest} or newer`;
    /** A version whose support has ended (or ends within WARN_DAYS: `soon`); undefined for any other. */
    const judge = (version: string | undefined): Verdict | undefined => {
      const minor = kubernetesMinorOf(version);
      const end = minor === undefined ? undefined : endOfLife(minor);
      if (minor === undefined || end === undefined || end.date > soon) return undefined;
      return { minor, endText: `${end.before ? 'before' : 'on'} ${end.date}`, soon: end.date >= today };
    };

    const controlPlane = judge(options.kubernetesVersion);
    if (controlPlane !== undefined) {
      report({
        messageId: controlPlane.soon ? 'controlPlaneSoon' : 'controlPlane',
        data: { version: options.kubernetesVersion!, minor: controlPlane.minor, end: controlPlane.endText, supported },
        object: clusterObject(estate),
        path: [],
        ...(controlPlane.soon ? { severity: 'low' as const } : {}),
      });
    }
    // Nodes mostly share a few versions: each distinct one is judged once.
    const judged = new Map<string, Verdict | undefined>();
    for (const node of objectsOfKind(estate, 'Node')) {
      const version = asString(getPath(node.raw, ['status', 'nodeInfo', 'kubeletVersion']));
      if (version === undefined) continue;
      if (!judged.has(version)) judged.set(version, judge(version));
      const kubelet = judged.get(version);
      if (kubelet === undefined) continue;
      report({
        messageId: kubelet.soon ? 'nodeSoon' : 'node',
        data: { node: node.metadata.name, version, minor: kubelet.minor, end: kubelet.endText, supported },
        object: node,
        path: ['status', 'nodeInfo', 'kubeletVersion'],
        ...(kubelet.soon ? { severity: 'low' as const } : {}),
      });
    }
  },
});
