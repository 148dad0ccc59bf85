/**
 * hostPath volumes and their mounts, as the kubelet sees them: the path normalised the way the node resolves it, and
 * for each volumeMount the host directory it really exposes (subPath included) and whether the mount is read-only.
 * Shared by container-runtime-socket, host-path-sensitive and host-path-writable.
 */
import { asArray, asRecord, asString } from '../model/json.js';
import type { FieldPath } from '../model/object.js';
import { runsInUserNamespace, type Container, type Workload } from '../model/workload.js';
import { mayRunAsRoot, privilegeEscalationAllowed } from '../model/security-context.js';
import { SEVERITIES, type Severity } from '../taxonomy/index.js';
import { volumes, type VolumeEntry } from './helpers.js';

export interface HostPathVolume {
  volume: VolumeEntry;
  /** As written in the manifest. */
  written: string;
  /** Normalised: `//`, `/./`, `..` and trailing slashes resolved; Windows paths lower-cased with forward slashes. */
  path: string;
  /** Path of the `hostPath.path` field from the object root. */
  pathField: FieldPath;
}

export interface HostPathMount {
  volume: HostPathVolume;
  container: Container;
  /** Path of the volumeMount entry from the object root. */
  path: FieldPath;
  mountPath: string;
  /** The host directory this mount exposes: the volume's path joined with subPath (normalised). */
  hostPath: string;
  /** subPathExpr is expanded at runtime, so the exact directory below the volume's path is unknown. */
  subPathExpr: boolean;
  readOnly: boolean;
  /** recursiveReadOnly Enabled or IfPossible: submounts below the host path are read-only too. */
  recursiveReadOnly: boolean;
}

const WINDOWS_PATH = /^([a-zA-Z]:[\\/]|\\\\)/;

export function isWindowsPath(path: string): boolean {
  return WINDOWS_PATH.test(path);
}

/**
 * The directory the node resolves: Kubernetes rejects `..` in hostPath, but `//`, `/./` and trailing slashes pass
 * validation and name the same directory, so `//etc/` must be judged as `/etc`.
 */
export function normalizeHostPath(written: string): string {
  const trimmed = written.trim();
  if (isWindowsPath(trimmed)) return trimmed.replace(/\\/g, '/').toLowerCase();
  const segments: string[] = [];
  for (const segment of trimmed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** Whether `ancestor` is `path` itself or a directory that contains it. */
export function containsPath(ancestor: string, path: string): boolean {
  if (ancestor === path) return true;
  if (ancestor === '/') return path.startsWith('/');
  return path.startsWith(`${ancestor}/`);
}

export function hostPathVolumes(workload: Workload): HostPathVolume[] {
  return volumes(workload).flatMap((volume) => {
    const hostPath = asRecord(volume.spec.hostPath);
    const written = asString(hostPath?.path);
    if (written === undefined) return [];
    return [{ volume, written, path: normalizeHostPath(written), pathField: [...volume.path, 'hostPath', 'path'] }];
  });
}

/**
 * Every mount of a hostPath volume, in every container (init and ephemeral included: an ephemeral container may mount
 * any volume of the pod, and its mounts are as real as the others').
 */
export function hostPathMounts(workload: Workload, volume: HostPathVolume): HostPathMount[] {
  const mounts: HostPathMount[] = [];
  for (const container of workload.containers) {
    asArray(container.spec.volumeMounts).forEach((entry, index) => {
      const mount = asRecord(entry);
      if (!mount || asString(mount.name) !== volume.volume.name) return;
      const subPath = asString(mount.subPath) ?? '';
      const subPathExpr = (asString(mount.subPathExpr) ?? '') !== '';
      const recursive = asString(mount.recursiveReadOnly);
      mounts.push({
        volume,
        container,
        path: [...container.path, 'volumeMounts', index],
        mountPath: asString(mount.mountPath) ?? '',
        hostPath: subPath === '' || isWindowsPath(volume.path) ? volume.path : normalizeHostPath(`${volume.path}/${subPath}`),
        subPathExpr,
        readOnly: mount.readOnly === true,
        recursiveReadOnly: mount.readOnly === true && (recursive === 'Enabled' || recursive === 'IfPossible'),
      });
    });
  }
  return mounts;
}

/** The host path to show a user: as they wrote it, unless a subPath makes the mount expose another directory. */
export function shownHostPath(mount: HostPathMount): string {
  return mount.hostPath === mount.volume.path ? mount.volume.written : mount.hostPath;
}

/**
 * Whether the container's processes can be root on the node: it may run as UID 0 or gain it through a setuid binary,
 * and no user namespace (hostUsers: false, on a cluster that honours it: runsInUserNamespace) maps root to an
 * unprivileged host user. When not, the node's file permissions stand between it and most of what a hostPath exposes
 * (root-owned sockets, 0600 files, 0750 directories).
 */
export function canActAsNodeRoot(workload: Workload, container: Container, kubernetesVersion: string | undefined): boolean {
  if (runsInUserNamespace(workload, kubernetesVersion)) return false;
  return mayRunAsRoot(container.security) || privilegeEscalationAllowed(container.security);
}

/** A hostPath finding's severity for a container that cannot act as node root: one step lower. */
export function forNonRoot(severity: Severity): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(severity) - 1)];
}
