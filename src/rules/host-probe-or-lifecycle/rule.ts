import { definePssControlRule, fieldName } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'host-probe-or-lifecycle',
  title: 'Probe or lifecycle hook targets another host',
  boundary: 'pod',
  stride: ['information-disclosure', 'elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1046'],
  },
  rationale:
    "The kubelet runs HTTP and TCP probes and lifecycle hooks itself, from the node's network. A `host` field lets a pod point those requests at any address the node can reach (the node's localhost, the cloud metadata endpoint, other namespaces past their NetworkPolicies): a server-side request forgery through the kubelet.",
  remediation:
    'Remove the host field from httpGet and tcpSocket in livenessProbe, readinessProbe, startupProbe and lifecycle.postStart/preStop: the kubelet then targets the pod\'s own IP. For a virtual host, set an httpHeaders entry named Host instead.',
  messages: {
    hostSet: 'Container {{container}} of {{workload}} sets {{handlers}}: the kubelet connects to that host from the node instead of to the pod.',
  },
  controls: ['hostProbesAndHostLifecycle'],
  findingPer: 'owner',
  describe: ({ violations }) => ({
    messageId: 'hostSet',
    data: { handlers: violations.map((violation) => `${fieldName(violation)}=${JSON.stringify(violation.value)}`).join(', ') },
  }),
});
