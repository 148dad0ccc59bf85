/**
 * A Kubernetes API server for tests: HTTPS on 127.0.0.1 (a random port), bearer-token or client-certificate
 * authentication, the list API over fixture objects (limit/continue, field selectors on Secrets' type,
 * PartialObjectMetadataList), legacy discovery (/api, /apis, /version) enough for kubectl, and faults injected per
 * path: error statuses, expired continue tokens, Retry-After, slow answers. Every request is logged.
 */
import { createHash } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SERVED_RESOURCES, groupVersionOf, resourceForObject, type ServedResource } from './resources.js';
import type { TlsMaterial } from './tls.js';

export type FixtureObject = Record<string, unknown> & { apiVersion: string; kind: string; metadata: Record<string, unknown> };

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string | undefined;
  userAgent: string | undefined;
  /** Who the server took the caller for: 'token', 'client-certificate', or undefined (refused with 401). */
  authenticatedBy: 'token' | 'client-certificate' | undefined;
  status: number;
}

export interface Fault {
  /** The URL path the fault applies to, e.g. /apis/networking.k8s.io/v1/networkpolicies. */
  path: string;
  /** The status to answer with; none for a fault that only delays the normal answer. */
  status?: number;
  /** How many requests it applies to (default: all). */
  times?: number;
  /** Only requests that carry a continue token (how an expired token shows). */
  onlyWithContinue?: boolean;
  retryAfterSeconds?: number;
  delayMs?: number;
}

export interface ApiServerOptions {
  tls: TlsMaterial;
  token: string;
  objects: readonly FixtureObject[];
  gitVersion?: string;
  /** Custom resources installed on this cluster besides the built-in ones (resources.ts ADD_ON_RESOURCES). */
  addOns?: readonly ServedResource[];
}

interface StoredObject {
  resource: ServedResource;
  namespace: string | undefined;
  name: string;
  object: FixtureObject;
}

const RESOURCE_VERSION = '4242';

export class TestApiServer {
  readonly requests: RequestRecord[] = [];
  private faults: Array<Fault & { used: number }> = [];
  /** Set to act as an old server, or a proxy, that ignores requests for PartialObjectMetadata and sends whole objects. */
  ignorePartialMetadata = false;
  /** The stored objects of each resource: a list request reads only its own (a benchmark serves 400,000 objects). */
  private readonly stored: Map<ServedResource, StoredObject[]>;
  /** The built-in resources and the installed add-ons. */
  private readonly served: readonly ServedResource[];

  private constructor(
    private readonly server: https.Server,
    private readonly options: ApiServerOptions,
  ) {
    this.served = [...SERVED_RESOURCES, ...(options.addOns ?? [])];
    this.stored = storeObjects(options.objects, this.served);
  }

  static async start(options: ApiServerOptions): Promise<TestApiServer> {
    const server = https.createServer({ key: options.tls.serverKey, cert: options.tls.serverCert, ca: options.tls.ca, requestCert: true, rejectUnauthorized: false });
    const api = new TestApiServer(server, options);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void api.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, used: 0 });
  }

  reset(): void {
    this.faults = [];
    this.ignorePartialMetadata = false;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const record: RequestRecord = {
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      accept: request.headers.accept,
      userAgent: request.headers['user-agent'],
      authenticatedBy: this.authenticate(request),
      status: 0,
    };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      if (response.destroyed) return;
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (!record.authenticatedBy) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    if (record.method !== 'GET') return send(405, status(405, 'MethodNotAllowed', `${record.method} is not allowed by this test server`));

    const fault = this.faults.find((entry) => entry.path === url.pathname && entry.used < (entry.times ?? Infinity) && (!entry.onlyWithContinue || url.searchParams.has('continue')));
    if (fault) {
      fault.used++;
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.status !== undefined) {
        const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
        const reason = fault.status === 410 ? 'Expired' : fault.status === 403 ? 'Forbidden' : fault.status === 429 ? 'TooManyRequests' : 'InternalError';
        const message = fault.status === 410 ? 'The provided continue parameter is too old to display a consistent list result.' : `injected ${fault.status}`;
        return send(fault.status, status(fault.status, reason, message), headers);
      }
    }
    const answer = this.route(url, request.headers.accept ?? '');
    send(answer.status, answer.body);
  }

  private authenticate(request: IncomingMessage): RequestRecord['authenticatedBy'] {
    if (request.headers.authorization === `Bearer ${this.options.token}`) return 'token';
    const socket = request.socket as TLSSocket;
    if (socket.authorized && socket.getPeerCertificate().subject?.CN === this.options.tls.clientUser) return 'client-certificate';
    return undefined;
  }

  private route(url: URL, accept: string): { status: number; body: unknown } {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/version') return ok({ major: '1', minor: '32', gitVersion: this.options.gitVersion ?? 'v1.32.0', platform: 'linux/amd64' });
    if (path === '/api') return ok({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: new URL(this.url).host }] });
    if (path === '/apis') return ok({ kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups(this.served) });
    const discovery = this.served.find((resource) => path === basePath(resource));
    if (discovery) return ok(resourceList(groupVersionOf(discovery), this.served));
    for (const resource of this.served) {
      const base = basePath(resource);
      if (path === `${base}/${resource.plural}`) return this.list(resource, undefined, url.searchParams, accept);
      const namespaced = new RegExp(`^${escape(base)}/namespaces/([^/]+)/${resource.plural}$`).exec(path);
      if (namespaced && resource.namespaced) return this.list(resource, namespaced[1], url.searchParams, accept);
      // GET of one object, as kubectl get KIND NAME.
      const one = resource.namespaced
        ? new RegExp(`^${escape(base)}/namespaces/([^/]+)/${resource.plural}/([^/]+)$`).exec(path)
        : new RegExp(`^${escape(base)}/${resource.plural}/([^/]+)$`).exec(path);
      if (one) return this.get(resource, resource.namespaced ? decodeURIComponent(one[1]) : undefined, decodeURIComponent(one[resource.namespaced ? 2 : 1]));
    }
    return { status: 404, body: status(404, 'NotFound', 'the server could not find the requested resource') };
  }

  private get(resource: ServedResource, namespace: string | undefined, name: string): { status: number; body: unknown } {
    const entry = (this.stored.get(resource) ?? []).find((stored) => stored.namespace === namespace && stored.name === name);
    if (entry === undefined) return { status: 404, body: status(404, 'NotFound', `${resource.plural} "${name}" not found`) };
    return ok(entry.object);
  }

  private list(resource: ServedResource, namespace: string | undefined, query: URLSearchParams, accept: string): { status: number; body: unknown } {
    const selector = parseFieldSelector(query.get('fieldSelector'), resource);
    if (!selector.ok) return { status: 400, body: status(400, 'BadRequest', selector.message) };
    const all = (this.stored.get(resource) ?? []).filter((entry) => (namespace === undefined || entry.namespace === namespace) && selector.matches(entry.object));
    const limit = Number(query.get('limit') ?? '0');
    let offset = 0;
    const token = query.get('continue');
    if (token) {
      const decoded = decodeContinue(token);
      if (!decoded || decoded.plural !== resource.plural) return { status: 400, body: status(400, 'BadRequest', 'invalid continue token') };
      offset = decoded.offset;
    }
    const page = limit > 0 ? all.slice(offset, offset + limit) : all.slice(offset);
    const next = offset + page.length;
    const metadata: Record<string, unknown> = { resourceVersion: RESOURCE_VERSION };
    if (limit > 0 && next < all.length) {
      metadata.continue = encodeContinue({ plural: resource.plural, offset: next });
      metadata.remainingItemCount = all.length - next;
    }
    if (/as=PartialObjectMetadataList/.test(accept) && !this.ignorePartialMetadata) {
      const items = page.map((entry) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: entry.object.metadata }));
      return ok({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items });
    }
    // As a real API server: the items of a list carry no apiVersion and kind.
    const items = page.map(({ object }) => Object.fromEntries(Object.entries(object).filter(([key]) => key !== 'apiVersion' && key !== 'kind')));
    return ok({ kind: `${resource.kind}List`, apiVersion: groupVersionOf(resource), metadata, items });
  }
}

function storeObjects(objects: readonly FixtureObject[], served: readonly ServedResource[]): Map<ServedResource, StoredObject[]> {
  const stored = objects.map((original): StoredObject => {
    const resource = resourceForObject(original.apiVersion, original.kind, served);
    if (!resource) throw new Error(`the test API server does not serve ${original.apiVersion} ${original.kind}`);
    const object = structuredClone(original);
    const name = String(object.metadata.name);
    const namespace = resource.namespaced ? String(object.metadata.namespace ?? 'default') : undefined;
    // What the API server adds to every object it stores; an object that has it already (a dump of a cluster, whose
    // owner references name uids) keeps its own.
    object.metadata = {
      uid: uidOf(`${original.apiVersion}/${original.kind}/${namespace ?? ''}/${name}`),
      resourceVersion: RESOURCE_VERSION,
      creationTimestamp: '2026-01-01T00:00:00Z',
      managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: original.apiVersion, time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {} } }],
      ...object.metadata,
      ...(namespace !== undefined ? { namespace } : {}),
    };
    return { resource, namespace, name, object };
  });
  // etcd order: by namespace, then name.
  const key = (entry: StoredObject): string => `${entry.namespace ?? ''}/${entry.name}`;
  stored.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const byResource = new Map<ServedResource, StoredObject[]>();
  for (const entry of stored) {
    const list = byResource.get(entry.resource);
    if (list === undefined) byResource.set(entry.resource, [entry]);
    else list.push(entry);
  }
  return byResource;
}

function parseFieldSelector(value: string | null, resource: ServedResource): { ok: true; matches: (object: FixtureObject) => boolean } | { ok: false; message: string } {
  if (!value) return { ok: true, matches: () => true };
  const match = /^(type|metadata\.name|metadata\.namespace)=(.*)$/.exec(value);
  if (!match || (match[1] === 'type' && resource.kind !== 'Secret')) return { ok: false, message: `field label not supported: ${value.split('=')[0]}` };
  const [, field, expected] = match;
  const read = (object: FixtureObject): unknown => (field === 'type' ? (object.type ?? 'Opaque') : object.metadata[field.slice('metadata.'.length)]);
  return { ok: true, matches: (object) => read(object) === expected };
}

function basePath(resource: ServedResource): string {
  return resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
}

function apiGroups(served: readonly ServedResource[]): unknown[] {
  const groups = new Map<string, string>();
  for (const resource of served) if (resource.group !== '') groups.set(resource.group, resource.version);
  return [...groups].map(([name, version]) => {
    const groupVersion = { groupVersion: `${name}/${version}`, version };
    return { name, versions: [groupVersion], preferredVersion: groupVersion };
  });
}

function resourceList(groupVersion: string, served: readonly ServedResource[]): unknown {
  const resources = served.filter((resource) => groupVersionOf(resource) === groupVersion).map((resource) => ({
    name: resource.plural,
    singularName: resource.singular,
    namespaced: resource.namespaced,
    kind: resource.kind,
    verbs: ['get', 'list'],
    ...(resource.shortNames ? { shortNames: resource.shortNames } : {}),
  }));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

function status(code: number, reason: string, message: string): unknown {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function ok(body: unknown): { status: number; body: unknown } {
  return { status: 200, body };
}

function uidOf(identity: string): string {
  const hex = createHash('sha256').update(identity).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function encodeContinue(value: { plural: string; offset: number }): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeContinue(token: string): { plural: string; offset: number } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { plural?: unknown; offset?: unknown };
    return typeof parsed.plural === 'string' && typeof parsed.offset === 'number' ? { plural: parsed.plural, offset: parsed.offset } : undefined;
  } catch {
    return undefined;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
