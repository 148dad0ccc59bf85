/**
 * Answers remembered per verb, group, resource and subresource of a request. Nested maps, looked up with the
 * request's own strings: a key string joined per question (40,000 questions in a scan) was garbage to collect.
 */
import type { MatchableResourceRequest } from './rules.js';

export class RequestMemo<T> {
  private readonly byVerb = new Map<string, Map<string, Map<string, Map<string, { value: T }>>>>();

  /** The remembered answer (wrapped, so that undefined can be remembered too), or undefined. */
  get(verb: string, request: MatchableResourceRequest): { value: T } | undefined {
    return this.byVerb.get(verb)?.get(request.group)?.get(request.resource)?.get(request.subresource);
  }

  set(verb: string, request: MatchableResourceRequest, value: T): void {
    const byGroup = child(this.byVerb, verb);
    const byResource = child(byGroup, request.group);
    const bySubresource = child(byResource, request.resource);
    bySubresource.set(request.subresource, { value });
  }
}

function child<K, V>(map: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = new Map()));
  return value;
}
