/**
 * Which clusters to read, and with which credentials: the user's kubeconfig as kubectl finds it (--kubeconfig,
 * then $KUBECONFIG, then ~/.kube/config), or the pod's service account when kubethreat runs inside a cluster.
 * Authentication itself (tokens, client certificates, exec plugins, token files) is the official client's.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';

/** The folder where the kubelet mounts a pod's service-account token, CA and namespace. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The context name kubethreat gives the in-cluster configuration. */
export const IN_CLUSTER_CONTEXT = 'in-cluster';

/** Bad kubeconfig, unknown context, nothing to connect to: the user must change something. */
export class KubeconfigError extends Error {}

export interface KubeconfigOptions {
  /** --kubeconfig: one file, taking precedence over $KUBECONFIG. */
  kubeconfig?: string;
  /** --context, repeatable; none means the kubeconfig's current context. */
  contexts: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Where the service-account files are, when in a pod (tests point it elsewhere). */
  serviceAccountDir?: string;
}

/** One cluster to read: the context name (which becomes the cluster's name in the model) and its configuration. */
export interface ClusterTarget {
  context: string;
  server: string;
  /** A KubeConfig whose current context is this one. */
  config: KubeConfig;
}

export async function resolveTargets(options: KubeconfigOptions): Promise<ClusterTarget[]> {
  // Loaded on demand: the official client takes over a second to import, which file scans should not pay.
  const { KubeConfig } = await import('@kubernetes/client-node');
  const base = new KubeConfig();
  const files = kubeconfigFiles(options);
  if (files.length === 0) {
    if (!options.env.KUBERNETES_SERVICE_HOST) {
      throw new KubeconfigError('no kubeconfig found: give --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config (kubectl config view shows what kubectl uses)');
    }
    if (options.contexts.some((name) => name !== IN_CLUSTER_CONTEXT)) {
      throw new KubeconfigError(`--context ${options.contexts.join(', ')}: inside a pod without a kubeconfig the only context is "${IN_CLUSTER_CONTEXT}"`);
    }
    base.loadFromOptions(inClusterOptions(options.env, options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR));
  } else {
    loadFiles(base, files);
  }
  const names = options.contexts.length > 0 ? [...new Set(options.contexts)] : [base.getCurrentContext()];
  if (!names[0]) throw new KubeconfigError(`the kubeconfig (${files.join(', ')}) names no current context: give --context NAME (kubectl config get-contexts lists them)`);
  return names.map((name) => targetFor(KubeConfig, base, name, files));
}

function targetFor(Config: typeof KubeConfig, base: KubeConfig, name: string, files: readonly string[]): ClusterTarget {
  const context = base.getContextObject(name);
  if (!context) {
    const known = base.getContexts().map((entry) => entry.name);
    throw new KubeconfigError(`no context "${name}" in ${files.join(', ') || 'the in-cluster configuration'}${known.length > 0 ? `; it has: ${known.join(', ')}` : ''}`);
  }
  const cluster = base.getCluster(context.cluster);
  if (!cluster) throw new KubeconfigError(`context "${name}" names cluster "${context.cluster}", which the kubeconfig does not define`);
  if (!base.getUser(context.user)) throw new KubeconfigError(`context "${name}" names user "${context.user}", which the kubeconfig does not define`);
  const config = new Config();
  config.loadFromOptions({ clusters: base.clusters, users: base.users, contexts: base.contexts, currentContext: name });
  return { context: name, server: cluster.server.replace(/\/+$/, ''), config };
}

function kubeconfigFiles(options: KubeconfigOptions): string[] {
  if (options.kubeconfig) {
    const file = path.resolve(options.cwd, options.kubeconfig);
    if (!existsSync(file)) throw new KubeconfigError(`--kubeconfig ${options.kubeconfig}: no such file`);
    return [file];
  }
  const fromEnv = (options.env.KUBECONFIG ?? '').split(path.delimiter).filter((entry) => entry !== '');
  // As kubectl: files listed in KUBECONFIG that do not exist are ignored.
  if (fromEnv.length > 0) return fromEnv.map((entry) => path.resolve(options.cwd, entry)).filter((file) => existsSync(file));
  const home = options.env.HOME ?? options.env.USERPROFILE;
  const file = home ? path.join(home, '.kube', 'config') : undefined;
  return file && existsSync(file) ? [file] : [];
}

/** Several files merge as kubectl merges them: the first file that sets the current context wins. */
function loadFiles(base: KubeConfig, files: readonly string[]): void {
  for (const [index, file] of files.entries()) {
    const config = index === 0 ? base : new (base.constructor as typeof KubeConfig)();
    try {
      config.loadFromFile(file);
      if (index > 0) base.mergeConfig(config, Boolean(base.currentContext));
    } catch (error) {
      throw new KubeconfigError(`cannot read the kubeconfig ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * The pod's own identity, as the client's loadFromCluster builds it, but from the environment given rather than
 * the process's. The token is read through a token file provider, which re-reads it: projected tokens rotate.
 */
function inClusterOptions(env: NodeJS.ProcessEnv, dir: string): Parameters<KubeConfig['loadFromOptions']>[0] {
  const host = env.KUBERNETES_SERVICE_HOST ?? '';
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    clusters: [{ name: IN_CLUSTER_CONTEXT, server, caFile: path.join(dir, 'ca.crt'), skipTLSVerify: false }],
    users: [{ name: IN_CLUSTER_CONTEXT, authProvider: { name: 'tokenFile', config: { tokenFile: path.join(dir, 'token') } } }],
    contexts: [{ name: IN_CLUSTER_CONTEXT, cluster: IN_CLUSTER_CONTEXT, user: IN_CLUSTER_CONTEXT }],
    currentContext: IN_CLUSTER_CONTEXT,
  };
}
