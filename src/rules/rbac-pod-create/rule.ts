import { POD_CONTROLLERS } from '../../rbac/pod-controllers.js';
import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

const CREATE_OR_CHANGE = ['create', 'update', 'patch'];

// Every controller that makes pods from a template: creating or changing one runs the code of your choice.
const CONTROLLERS = POD_CONTROLLERS;

export default defineRbacPermissionRule({
  id: 'rbac-pod-create',
  title: 'RBAC lets subjects create or change pods and workload controllers',
  boundary: 'namespace',
  stride: ['elevation-of-privilege', 'tampering'],
  persistence: true,
  references: {
    attack: ['T1610', 'T1611', 'T1053.007', 'T1543'],
    microsoft: ['New container', 'Backdoor container', 'Kubernetes CronJob', 'Sidecar injection'],
    cis: ['5.1.4'],
    peers: ['kubescape:C-0188', 'kube-linter:access-to-create-pods', 'trivy:KSV-0048'],
  },
  rationale:
    'Whoever can create a pod, or create or change a Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob or ReplicationController, runs code of their choice in the namespace: as any of its service accounts (serviceAccountName is theirs to set), with every Secret and volume of the namespace mounted, and, where Pod Security Admission allows, privileged on a node of their choosing. A CronJob or DaemonSet keeps that access alive after the original foothold is gone. In kube-system, or cluster-wide, that is the cluster.',
  remediation:
    'Give create/update/patch on pods and workload controllers only to the deployment pipeline\'s service account, in the namespaces it deploys to (a RoleBinding, not a ClusterRoleBinding); people get view, and changes go through the pipeline. Keep the namespace at Pod Security Admission enforce: restricted so that what can be created cannot escape to the node.',
  messages: {
    binding: '{{binding}} lets {{subjects}} run their own code {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows running code {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'critical', namespace: 'high' },
  probes: [
    { verbs: CREATE_OR_CHANGE, group: '', resource: 'pods' },
    ...CONTROLLERS.map(([group, resource]) => ({ verbs: CREATE_OR_CHANGE, group, resource })),
  ],
});
