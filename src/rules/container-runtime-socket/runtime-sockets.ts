/**
 * Where container runtimes listen on a node, and whether a host path reaches one of those sockets. Whoever can talk
 * to the socket can ask the runtime for a privileged container with the node's root filesystem mounted.
 */
import { containsPath } from '../host-path-mounts.js';

export interface RuntimeSocketMatch {
  /** Human name of the runtime(s) reached. */
  runtime: string;
  /** How the host path reaches it. */
  relation: 'socket' | 'runtime-directory' | 'parent-directory';
}

/** Canonical socket locations. /var/run is a symlink to /run on every systemd distribution, so both are covered. */
const KNOWN_SOCKETS: ReadonlyArray<{ path: string; runtime: string }> = [
  { path: '/run/docker.sock', runtime: 'Docker' },
  { path: '/run/dockershim.sock', runtime: 'dockershim' },
  { path: '/run/cri-dockerd.sock', runtime: 'cri-dockerd' },
  { path: '/run/containerd/containerd.sock', runtime: 'containerd' },
  { path: '/run/crio/crio.sock', runtime: 'CRI-O' },
  { path: '/run/podman/podman.sock', runtime: 'Podman' },
  { path: '/run/k3s/containerd/containerd.sock', runtime: 'containerd (k3s)' },
];

/** Directories that hold a runtime's sockets (and its shims' sockets): anything inside reaches the runtime. */
const RUNTIME_DIRECTORIES: ReadonlyArray<{ path: string; runtime: string }> = [
  { path: '/run/docker', runtime: 'Docker' },
  { path: '/run/containerd', runtime: 'containerd' },
  { path: '/run/crio', runtime: 'CRI-O' },
  { path: '/run/podman', runtime: 'Podman' },
  { path: '/run/k3s/containerd', runtime: 'containerd (k3s)' },
  { path: '/var/snap/microk8s/common/run', runtime: 'containerd (MicroK8s)' },
];

/** A runtime socket somewhere else (rootless Docker under /run/user/<uid>, a custom --host, MicroK8s, …). */
const SOCKET_FILE_NAME = /^(docker|containerd|crio|cri-dockerd|dockershim|podman)\.sock$/;
const SOCKET_RUNTIME: Record<string, string> = {
  docker: 'Docker',
  containerd: 'containerd',
  crio: 'CRI-O',
  'cri-dockerd': 'cri-dockerd',
  dockershim: 'dockershim',
  podman: 'Podman',
};

/** Windows nodes: the runtimes listen on named pipes (normalised to forward slashes, lower case). */
const WINDOWS_PIPES: ReadonlyArray<{ path: string; runtime: string }> = [
  { path: '//./pipe/docker_engine', runtime: 'Docker' },
  { path: '//./pipe/containerd-containerd', runtime: 'containerd' },
];

/** /var/run/x and /run/x are the same directory on the node. */
function canonical(path: string): string {
  if (path === '/var/run') return '/run';
  return path.startsWith('/var/run/') ? `/run/${path.slice('/var/run/'.length)}` : path;
}

/** The runtime a normalised host path reaches, or undefined. */
export function runtimeSocketReachedBy(hostPath: string): RuntimeSocketMatch | undefined {
  const pipe = WINDOWS_PIPES.find((entry) => entry.path === hostPath);
  if (pipe) return { runtime: pipe.runtime, relation: 'socket' };
  if (!hostPath.startsWith('/')) return undefined;
  const path = canonical(hostPath);

  const socket = KNOWN_SOCKETS.find((entry) => entry.path === path);
  if (socket) return { runtime: socket.runtime, relation: 'socket' };
  const fileName = SOCKET_FILE_NAME.exec(path.slice(path.lastIndexOf('/') + 1));
  if (fileName) return { runtime: SOCKET_RUNTIME[fileName[1]], relation: 'socket' };
  const directory = RUNTIME_DIRECTORIES.find((entry) => containsPath(entry.path, path));
  if (directory) return { runtime: directory.runtime, relation: 'runtime-directory' };
  // A parent such as /run or / holds the sockets themselves. /var is not one: /var/run is a symlink, which the
  // container would resolve inside its own filesystem (MicroK8s' directory under /var is matched only from inside).
  const underRun = [...KNOWN_SOCKETS, ...RUNTIME_DIRECTORIES].filter((entry) => entry.path.startsWith('/run/'));
  return underRun.some((entry) => containsPath(path, entry.path)) ? { runtime: 'container runtime', relation: 'parent-directory' } : undefined;
}
