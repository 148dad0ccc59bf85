import type { Severity } from '../../taxonomy/index.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';
import { canActAsNodeRoot, forNonRoot, hostPathMounts, hostPathVolumes, shownHostPath } from '../host-path-mounts.js';
import { runtimeSocketReachedBy, type RuntimeSocketMatch } from './runtime-sockets.js';

const REACH: Record<RuntimeSocketMatch['relation'], string> = {
  socket: 'the {{runtime}} socket',
  'runtime-directory': 'a directory of {{runtime}} that holds its sockets',
  'parent-directory': 'the {{runtime}} sockets',
};

/**
 * The sockets belong to root (containerd, CRI-O) or to root and the docker group, mode 0660. A container that cannot
 * be root still uses a socket mounted for it (its group is usually arranged for that); a socket it merely finds inside
 * a mounted parent directory is out of its reach.
 */
function severityOf(reached: RuntimeSocketMatch, asRoot: boolean): Severity {
  if (asRoot) return 'critical';
  return reached.relation === 'socket' ? forNonRoot('critical') : forNonRoot(forNonRoot('critical'));
}

export default defineRule({
  id: 'container-runtime-socket',
  title: 'Pod reaches the container runtime socket',
  boundary: 'node',
  stride: ['elevation-of-privilege', 'tampering', 'information-disclosure'],
  severity: 'critical',
  references: {
    attack: ['T1610', 'T1611'],
    microsoft: ['Writable hostPath mount', 'Privileged container'],
    pss: 'baseline/hostPathVolumes',
    peers: ['kubescape:C-0074', 'kube-linter:docker-sock', 'checkov:CKV_K8S_27', 'trivy:KSV-0006', 'kubeaudit:mounts', 'kubesec:DockerSock'],
    links: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  },
  rationale:
    "The runtime socket (Docker, containerd, CRI-O, …) is the node's root API: whoever can connect to it starts a privileged container with the node's filesystem, reads every other container and bypasses admission control entirely. readOnly: true on the mount does not help, because connecting to a socket is not a write to the filesystem. Mounting a parent such as /run or / exposes the sockets just the same. When the container can neither run as root nor escalate to it, the severity is one step lower for a socket mounted on purpose (its group may be arranged) and two for sockets inside a mounted parent directory, since the sockets belong to root (and, for Docker, the docker group).",
  remediation:
    'Remove the hostPath volume. Build images with a daemonless builder (BuildKit rootless, kaniko, buildah) and read container metadata from the Kubernetes API or the kubelet instead; a node agent that truly needs the runtime belongs in a dedicated, tightly controlled namespace.',
  messages: {
    mounted: 'Container {{container}} of {{workload}} mounts host path {{hostPath}} at {{mountPath}}, which reaches {{reach}}: it can start a privileged container on the node, read-only or not.',
    declared:
      'Volume {{volume}} of {{workload}} is host path {{hostPath}}, which reaches {{reach}}. No container mounts it, but any container added to the pod (an ephemeral debug container included) can.',
  },
  check({ estate, options, report }) {
    for (const workload of analysedWorkloads(estate)) {
      for (const volume of hostPathVolumes(workload)) {
        const declared = runtimeSocketReachedBy(volume.path);
        const mounts = hostPathMounts(workload, volume);
        // A subPath can narrow a mount of / down to /run/docker.sock, or away from the sockets altogether.
        for (const mount of mounts) {
          const reached = mount.subPathExpr ? declared : runtimeSocketReachedBy(mount.hostPath);
          if (!reached) continue;
          report({
            messageId: 'mounted',
            data: {
              container: mount.container.name,
              workload: workloadLabel(workload),
              hostPath: shownHostPath(mount),
              mountPath: mount.mountPath,
              reach: REACH[reached.relation].replace('{{runtime}}', reached.runtime),
            },
            object: workload.object,
            container: mount.container,
            path: mount.path,
            severity: severityOf(reached, canActAsNodeRoot(workload, mount.container, options.kubernetesVersion)),
          });
        }
        if (mounts.length > 0 || !declared) continue;
        // Declared but mounted by no container: kubescape flags the volume itself, and rightly so, since the pod spec
        // already grants the path; one step (adding a container) is left, hence one severity step lower.
        report({
          messageId: 'declared',
          data: { volume: volume.volume.name, workload: workloadLabel(workload), hostPath: volume.written, reach: REACH[declared.relation].replace('{{runtime}}', declared.runtime) },
          object: workload.object,
          path: volume.pathField,
          severity: 'high',
        });
      }
    }
  },
});
