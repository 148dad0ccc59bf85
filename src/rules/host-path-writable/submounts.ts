/**
 * Mount points a node has below common host paths. A hostPath mount is a recursive bind mount, and readOnly: true
 * makes only its top read-only: without recursiveReadOnly, whatever is mounted below stays writable
 * (https://kubernetes.io/docs/concepts/storage/volumes/#read-only-mounts).
 */
import { containsPath } from '../host-path-mounts.js';

interface NodeSubmount {
  /** A mount point, or with `below`, the directory whose children are mount points. */
  path: string;
  below?: true;
  shown: string;
}

/** The most telling first: the message names the first one a host path contains. */
const NODE_SUBMOUNTS: readonly NodeSubmount[] = [
  { path: '/var/lib/kubelet/pods', below: true, shown: "/var/lib/kubelet/pods/…/volumes, other pods' Secret and token volumes" },
  { path: '/proc/sys/fs/binfmt_misc', shown: '/proc/sys/fs/binfmt_misc, where an interpreter registered runs as root' },
  { path: '/sys/fs/cgroup', shown: '/sys/fs/cgroup, the cgroup hierarchy' },
  { path: '/sys/fs/cgroup', below: true, shown: '/sys/fs/cgroup/…, the cgroup v1 controllers' },
  { path: '/var/lib/containerd', below: true, shown: "/var/lib/containerd/…/rootfs, running containers' filesystems" },
  { path: '/var/lib/docker', below: true, shown: "/var/lib/docker/…/merged, running containers' filesystems" },
  { path: '/run', shown: '/run, the host sockets' },
  { path: '/run/netns', below: true, shown: "/run/netns/…, the pods' network namespaces" },
  { path: '/dev/shm', shown: "/dev/shm, the host's shared memory" },
  { path: '/proc', shown: '/proc' },
  { path: '/sys', shown: '/sys' },
  { path: '/dev', shown: '/dev' },
  { path: '/boot/efi', shown: '/boot/efi' },
  { path: '/mnt', below: true, shown: '/mnt/…, disks and network shares mounted there' },
  { path: '/media', below: true, shown: '/media/…, removable media' },
];

/** A mount point of the node inside this normalised host path, described for a person; undefined when none is known. */
export function submountInside(hostPath: string): string | undefined {
  const path = hostPath === '/var/run' ? '/run' : hostPath.startsWith('/var/run/') ? `/run/${hostPath.slice('/var/run/'.length)}` : hostPath;
  const found = NODE_SUBMOUNTS.find((entry) => (entry.below ? containsPath(path, entry.path) : containsPath(path, entry.path) && path !== entry.path));
  return found?.shown;
}
