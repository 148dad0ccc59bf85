/**
 * The node's sensitive places, as data: what each holds, and how bad a mount of it is when the container can write
 * to it and when it can only read. A host path is sensitive when it is one of these places, contains one (a mount
 * of /var contains /var/lib/kubelet), or lies inside one whose whole subtree is sensitive (/var/lib/kubelet/pods).
 * Container runtime sockets are not listed: container-runtime-socket reports them.
 */
import type { Severity } from '../../taxonomy/index.js';
import { containsPath } from '../host-path-mounts.js';

export interface SensitiveLocation {
  path: string;
  holds: string;
  /** Everything below is as sensitive (false where most subdirectories are harmless, e.g. /etc/ssl/certs). */
  subtree: boolean;
  writable: Severity;
  /** Undefined when reading it gives an attacker nothing worth a finding (host binaries, /etc/hosts). */
  readOnly?: Severity;
}

const location = (path: string, holds: string, subtree: boolean, writable: Severity, readOnly?: Severity): SensitiveLocation => ({ path, holds, subtree, writable, readOnly });

export const SENSITIVE_LOCATIONS: readonly SensitiveLocation[] = [
  location('/', "the node's whole filesystem", false, 'critical', 'high'),
  location('/etc', 'host configuration: accounts, cron, sudoers, kubelet and runtime settings', false, 'critical', 'high'),
  location('/etc/kubernetes', 'kubelet credentials, the cluster PKI and static pod manifests', true, 'critical', 'high'),
  location('/etc/shadow', 'host password hashes', true, 'critical', 'high'),
  location('/etc/gshadow', 'host group password hashes', true, 'critical', 'high'),
  location('/etc/passwd', 'host accounts', true, 'critical'),
  location('/etc/group', 'host groups', true, 'critical'),
  location('/etc/sudoers', 'sudo rules', true, 'critical', 'medium'),
  location('/etc/sudoers.d', 'sudo rules', true, 'critical', 'medium'),
  location('/etc/ssh', 'host SSH keys and server configuration', true, 'critical', 'high'),
  location('/etc/crontab', 'host cron jobs, run as root', true, 'critical'),
  location('/etc/cron.d', 'host cron jobs, run as root', true, 'critical'),
  location('/etc/systemd', 'host service definitions, run as root', true, 'critical'),
  location('/etc/ld.so.preload', 'libraries preloaded into every host process', true, 'critical'),
  location('/etc/containerd', 'container runtime configuration', true, 'critical'),
  location('/etc/docker', 'container runtime configuration', true, 'critical'),
  location('/etc/crio', 'container runtime configuration', true, 'critical'),
  location('/etc/cni', 'pod network configuration', true, 'high'),
  location('/etc/hosts', "the node's name resolution", true, 'high'),
  location('/etc/resolv.conf', "the node's name resolution", true, 'high'),
  location('/opt/cni/bin', 'CNI plugin binaries, run as root by the kubelet', true, 'critical'),
  location('/usr', 'host binaries and libraries, run as root by the node', true, 'critical'),
  location('/bin', 'host binaries, run as root by the node', true, 'critical'),
  location('/sbin', 'host binaries, run as root by the node', true, 'critical'),
  location('/lib', 'host libraries and kernel modules', true, 'critical'),
  location('/lib64', 'host libraries', true, 'critical'),
  location('/boot', 'the kernel and boot loader', true, 'critical', 'medium'),
  location('/root', "root's home: SSH keys, kubeconfigs, cloud credentials", true, 'critical', 'high'),
  location('/home', "users' homes: SSH keys, kubeconfigs, cloud credentials", true, 'critical', 'high'),
  location('/proc', 'kernel and process interfaces (/proc/sys/kernel/core_pattern runs a program as root on the node)', true, 'critical', 'medium'),
  location('/sys', 'kernel and cgroup interfaces (cgroup release_agent runs a program as root on the node)', true, 'critical', 'medium'),
  location('/dev', 'host devices and shared memory', true, 'high', 'medium'),
  location('/var/lib/kubelet', "every pod's service-account tokens and Secret volumes, the kubelet's credentials", true, 'critical', 'high'),
  // Device plugins and CSI drivers register through these; they do not hold the pods' tokens.
  location('/var/lib/kubelet/device-plugins', 'the kubelet device-plugin registration socket', true, 'high', 'medium'),
  location('/var/lib/kubelet/plugins', 'CSI driver sockets', true, 'high', 'medium'),
  location('/var/lib/kubelet/plugins_registry', 'the kubelet plugin registration sockets', true, 'high', 'medium'),
  location('/var/lib/docker', "every container's filesystem and image layers", true, 'critical', 'high'),
  location('/var/lib/containerd', "every container's filesystem and image layers", true, 'critical', 'high'),
  location('/var/lib/containers', "every container's filesystem and image layers, for CRI-O and Podman", true, 'critical', 'high'),
  location('/var/lib/etcd', "etcd's data: every object and Secret of the cluster", true, 'critical', 'high'),
  // The kubelet serves `kubectl logs` by reading /var/log/pods as root and follows symlinks: write access there
  // reads any file of the node.
  location('/var/log', 'node and pod logs (a symlink written there makes the kubelet read any host file)', false, 'critical', 'medium'),
  location('/var/log/pods', 'pod logs (a symlink written there makes the kubelet read any host file)', true, 'critical', 'medium'),
  location('/var/log/containers', 'pod logs (a symlink written there makes the kubelet read any host file)', true, 'critical', 'medium'),
  // Sockets work through read-only mounts: connecting is not a write.
  location('/run', 'host sockets (systemd, D-Bus, container runtimes), usable through a read-only mount', false, 'high', 'high'),
  location('/run/systemd', 'the systemd sockets, which start services as root', true, 'high', 'high'),
  location('/run/dbus', 'the D-Bus system bus, which starts services as root', true, 'high', 'high'),
];

/** Credential directories wherever they are (a home other than /root or /home, kubescape's /.aws, …). */
const CREDENTIAL_DIRECTORIES: ReadonlyArray<{ segments: string[]; holds: string }> = [
  { segments: ['.ssh'], holds: 'SSH keys' },
  { segments: ['.kube'], holds: 'kubeconfigs' },
  { segments: ['.aws'], holds: 'AWS credentials' },
  { segments: ['.azure'], holds: 'Azure credentials' },
  { segments: ['.config', 'gcloud'], holds: 'Google Cloud credentials' },
  { segments: ['.docker'], holds: 'registry credentials' },
];

export interface SensitiveMatch {
  /** The place that makes the path sensitive, e.g. /var/lib/kubelet for a mount of /var. */
  location: string;
  /** The host path is the place, contains it, or lies inside it. */
  relation: 'is' | 'contains' | 'inside';
  holds: string;
  writable: Severity;
  readOnly?: Severity;
}

/** /var/run/x and /run/x are the same directory on the node. */
function canonical(path: string): string {
  if (path === '/var/run') return '/run';
  return path.startsWith('/var/run/') ? `/run/${path.slice('/var/run/'.length)}` : path;
}

/** Every sensitive place a normalised host path exposes, the path itself first. */
export function sensitivePlacesIn(hostPath: string): SensitiveMatch[] {
  if (!hostPath.startsWith('/')) {
    const driveRoot = /^[a-z]:\/?$/.test(hostPath);
    return driveRoot ? [{ location: hostPath, relation: 'is', holds: "the node's whole system drive", writable: 'critical', readOnly: 'high' }] : [];
  }
  const path = canonical(hostPath);
  const matches: SensitiveMatch[] = [];
  for (const entry of SENSITIVE_LOCATIONS) {
    const relation = entry.path === path ? 'is' : containsPath(path, entry.path) ? 'contains' : entry.subtree && containsPath(entry.path, path) ? 'inside' : undefined;
    if (relation) matches.push({ location: entry.path, relation, holds: entry.holds, writable: entry.writable, readOnly: entry.readOnly });
  }
  const segments = path.split('/').filter(Boolean);
  for (const directory of CREDENTIAL_DIRECTORIES) {
    const at = segments.findIndex((_, index) => directory.segments.every((segment, offset) => segments[index + offset] === segment));
    if (at === -1) continue;
    const location = `/${segments.slice(0, at + directory.segments.length).join('/')}`;
    if (matches.some((match) => match.relation !== 'contains' && containsPath(match.location, location))) continue;
    matches.push({ location, relation: location === path ? 'is' : 'inside', holds: directory.holds, writable: 'critical', readOnly: 'high' });
  }
  // The most specific place decides: /var/lib/kubelet/device-plugins/x is judged as part of device-plugins, not
  // of /var/lib/kubelet; places the path contains always count.
  const own = matches.filter((match) => match.relation === 'is');
  const deepestInside = matches.filter((match) => match.relation === 'inside').sort((a, b) => b.location.length - a.location.length).slice(0, 1);
  return [...own, ...(own.length > 0 ? [] : deepestInside), ...matches.filter((match) => match.relation === 'contains')];
}
