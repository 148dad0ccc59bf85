import { definePssControlRule } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'selinux-custom-options',
  title: 'Custom SELinux user, role or type',
  boundary: 'pod',
  stride: ['elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1562.001', 'T1611'],
    peers: ['kubescape:C-0211', 'polaris:linuxHardening', 'trivy:KSV-0025'],
  },
  rationale:
    'On SELinux nodes the container types (container_t and its variants) are what keeps a container away from host files and processes. A custom type such as spc_t or unconfined_t, or a custom user or role, lifts that confinement.',
  remediation:
    'Remove seLinuxOptions.type, .user and .role; set only seLinuxOptions.level when the pod needs its own MCS categories (a type of container_t, container_init_t, container_kvm_t or container_engine_t is also allowed).',
  messages: {
    custom: '{{subject}} sets custom SELinux options: {{options}}.',
  },
  controls: ['seLinuxOptions'],
  findingPer: 'owner',
  describe: ({ violations }) => ({
    messageId: 'custom',
    data: { options: violations.map((violation) => `${String(violation.path[violation.path.length - 1])}=${JSON.stringify(violation.value)}`).join(', ') },
  }),
});
