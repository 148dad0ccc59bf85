/**
 * What the live tests share: fixture objects read as an API server would store them (Secrets with their values,
 * so a test can prove they never travel), kubeconfig files for the test servers, and the CLI run in-process.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseAllDocuments, stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { TestApiServer, type FixtureObject } from './api-server.js';
import { makeTls, type TlsMaterial } from './tls.js';
import type { ServedResource } from './resources.js';

export const REPO = path.resolve(__dirname, '../..');
export const WEBSHOP = path.join(REPO, 'examples/webshop');
export const FIXED_NOW = (): Date => new Date('2026-01-01T00:00:00Z');
/** A value no output, snapshot or request may ever contain. */
export const SECRET_SENTINEL = 'sentinel-secret-value-that-must-never-leave-the-cluster';

/** Every object of every YAML file under `dir`, as parsed, Secrets' data included. */
export function fixtureObjects(dir: string): FixtureObject[] {
  const objects: FixtureObject[] = [];
  for (const file of yamlFiles(dir)) {
    for (const document of parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' })) {
      const value = document.toJS() as unknown;
      if (value && typeof value === 'object' && 'kind' in value) objects.push(value as FixtureObject);
    }
  }
  return objects;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry) ? [full] : [];
    });
}

/** A Secret whose value is the sentinel, and whose last-applied annotation repeats it, as `kubectl apply` leaves it. */
export function sentinelSecret(namespace: string): FixtureObject {
  const value = Buffer.from(SECRET_SENTINEL).toString('base64');
  const applied = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sentinel', namespace }, data: { password: value } };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: 'sentinel', namespace, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied) } },
    data: { password: value },
    stringData: { plain: SECRET_SENTINEL },
  };
}

export interface KubeconfigUser {
  name: string;
  token?: string;
  clientCertificate?: { certFile: string; keyFile: string };
  exec?: { command: string; args: string[] };
}

export interface KubeconfigSpec {
  clusters: Array<{ name: string; server: string; caFile: string }>;
  users: KubeconfigUser[];
  contexts: Array<{ name: string; cluster: string; user: string }>;
  currentContext?: string;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `kubethreat-${prefix}-`));
}

/** Writes a kubeconfig as kubectl writes them, and returns its path. */
export function writeKubeconfig(dir: string, spec: KubeconfigSpec, name = 'kubeconfig'): string {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: spec.clusters.map((cluster) => ({ name: cluster.name, cluster: { server: cluster.server, 'certificate-authority': cluster.caFile } })),
    users: spec.users.map((user) => ({
      name: user.name,
      user: {
        ...(user.token ? { token: user.token } : {}),
        ...(user.clientCertificate ? { 'client-certificate': user.clientCertificate.certFile, 'client-key': user.clientCertificate.keyFile } : {}),
        ...(user.exec ? { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: user.exec.command, args: user.exec.args, interactiveMode: 'Never' } } : {}),
      },
    })),
    contexts: spec.contexts.map((context) => ({ name: context.name, context: { cluster: context.cluster, user: context.user } })),
    'current-context': spec.currentContext ?? spec.contexts[0]?.name ?? '',
  };
  const file = path.join(dir, name);
  writeFileSync(file, stringify(config));
  return file;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with an environment of the test's choosing (HOME points nowhere unless given). */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}, options: { stderrIsTTY?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    args,
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text), isTTY: options.stderrIsTTY },
      stdin: Readable.from([]),
      env: { HOME: tempDir('home'), ...env },
      cwd: REPO,
    },
    FIXED_NOW,
  );
  return { code, stdout, stderr };
}

export interface TestCluster {
  server: TestApiServer;
  tls: TlsMaterial;
  token: string;
  context: string;
  /** A kubeconfig with one context for this cluster, authenticated by bearer token. */
  kubeconfig: string;
  close(): Promise<void>;
}

/** A test API server over `objects`, with its CA and a kubeconfig that trusts it. */
/** `gitVersion`: what the server reports at GET /version (v1.32.0 unless given); `addOns`: custom resources it serves. */
export async function startTestCluster(
  objects: readonly FixtureObject[],
  options: { context?: string; tls?: TlsMaterial; gitVersion?: string; addOns?: readonly ServedResource[] } = {},
): Promise<TestCluster> {
  const tls = options.tls ?? makeTls();
  const token = `token-${Math.random().toString(36).slice(2)}`;
  const context = options.context ?? 'test-cluster';
  const server = await TestApiServer.start({ tls, token, objects, ...(options.gitVersion !== undefined ? { gitVersion: options.gitVersion } : {}), ...(options.addOns ? { addOns: options.addOns } : {}) });
  const kubeconfig = writeKubeconfig(tempDir('kubeconfig'), {
    clusters: [{ name: context, server: server.url, caFile: tls.caFile }],
    users: [{ name: `${context}-user`, token }],
    contexts: [{ name: context, cluster: context, user: `${context}-user` }],
  });
  return { server, tls, token, context, kubeconfig, close: () => server.close() };
}
