/**
 * One kind, all of it: a paginated list (limit/continue) across all namespaces, or in one (ListOptions.namespace). A
 * continue token that expired (410 Gone) restarts the list from the beginning, because pages from two different
 * snapshots of the cluster do not make one consistent list.
 */
import { isRecord, type JsonRecord } from '../model/json.js';
import { ApiStatusError, type ApiClient } from './api-client.js';
import { apiVersionOf, collectionPath, type LiveKind } from './kinds.js';

/** Asks for names, labels and annotations only: the server never sends a Secret's data. */
export const PARTIAL_METADATA_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

export interface ListOptions {
  pageSize: number;
  /** Restarts allowed after expired continue tokens before giving up. */
  maxRestarts: number;
  fieldSelector?: string;
  /** List in this namespace only (for a namespaced kind): what an identity without cluster-wide list may read. */
  namespace?: string;
  onPage?: (itemsSoFar: number) => void;
  /**
   * Takes each page's items as it comes, instead of the result keeping them all: a page's JSON can be dropped as soon
   * as its objects are read (150,000 Pods). Then `onStart` is called before the list begins, and again when it begins
   * anew (410 Gone): what the earlier pages gave is to be dropped.
   */
  onItems?: (items: JsonRecord[]) => void;
  onStart?: () => void;
}

export interface ListResult {
  /** The items, unless `onItems` took them. */
  items: JsonRecord[];
  count: number;
  /** For metadata-only kinds: whether the server honoured the request (false means it sent whole objects). */
  metadataHonoured: boolean;
}

export async function listAll(client: ApiClient, kind: LiveKind, options: ListOptions): Promise<ListResult> {
  for (let restarts = 0; ; restarts++) {
    try {
      return await listOnce(client, kind, options);
    } catch (error) {
      if (!(error instanceof ExpiredContinueError) || restarts >= options.maxRestarts) throw error instanceof ExpiredContinueError ? error.cause : error;
    }
  }
}

class ExpiredContinueError extends Error {
  constructor(override readonly cause: ApiStatusError) {
    super(cause.message);
  }
}

async function listOnce(client: ApiClient, kind: LiveKind, options: ListOptions): Promise<ListResult> {
  const items: JsonRecord[] = [];
  let count = 0;
  let metadataHonoured = true;
  let token: string | undefined;
  options.onStart?.();
  do {
    const query = new URLSearchParams({ limit: String(options.pageSize) });
    if (options.fieldSelector) query.set('fieldSelector', options.fieldSelector);
    if (token) query.set('continue', token);
    let page: unknown;
    try {
      page = await client.getJson(`${collectionPath(kind, options.namespace)}?${query}`, kind.metadataOnly ? PARTIAL_METADATA_ACCEPT : 'application/json');
    } catch (error) {
      if (token && error instanceof ApiStatusError && error.status === 410) throw new ExpiredContinueError(error);
      throw error;
    }
    if (!isRecord(page) || !Array.isArray(page.items)) throw new ApiStatusError(200, '200 OK', `the answer to a list of ${kind.resource} is not a list`, 1);
    if (kind.metadataOnly && page.kind !== 'PartialObjectMetadataList') metadataHonoured = false;
    const pageItems: JsonRecord[] = options.onItems !== undefined ? [] : items;
    for (const item of page.items) if (isRecord(item)) pageItems.push(asObjectOf(kind, item));
    count += options.onItems !== undefined ? pageItems.length : 0;
    options.onItems?.(pageItems);
    options.onPage?.(options.onItems !== undefined ? count : items.length);
    const metadata = isRecord(page.metadata) ? page.metadata : {};
    token = typeof metadata.continue === 'string' && metadata.continue !== '' ? metadata.continue : undefined;
  } while (token);
  return { items, count: options.onItems !== undefined ? count : items.length, metadataHonoured };
}

/** One object by name (GET, as `kubectl get KIND NAME`), shaped as a listed item. */
export async function getOne(client: ApiClient, kind: LiveKind, name: string): Promise<JsonRecord> {
  const object = await client.getJson(`${collectionPath(kind)}/${encodeURIComponent(name)}`, 'application/json');
  if (!isRecord(object)) throw new ApiStatusError(200, '200 OK', `the answer to a get of ${kind.resource} ${name} is not an object`, 1);
  return asObjectOf(kind, object);
}

/**
 * Items of a list carry no apiVersion and kind (the list's kind says it); metadata-only items are rebuilt from
 * their metadata alone, so that whatever else a server sent (a Secret's data, if it ignored the request for
 * metadata) is dropped here, before anything else sees it. managedFields are dropped too: they are often half of
 * an object's bytes and say nothing about its security.
 */
function asObjectOf(kind: LiveKind, item: JsonRecord): JsonRecord {
  const metadata = isRecord(item.metadata) ? { ...item.metadata } : {};
  delete metadata.managedFields;
  if (kind.metadataOnly) return { apiVersion: apiVersionOf(kind), kind: kind.kind, metadata };
  const { apiVersion: _apiVersion, kind: _kind, metadata: _metadata, ...fields } = item;
  return { apiVersion: apiVersionOf(kind), kind: kind.kind, metadata, ...fields };
}
