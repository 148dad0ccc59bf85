/**
 * The hosts a workload's configuration names: in env values, command and args, and the ConfigMaps its env comes
 * from. A URL, a `host:port`, or a whole value that is a host name (a bare single word only under a variable whose
 * name says it holds one: DATABASE_HOST, REDIS_ADDR, …, so that LOG_LEVEL=info names nothing).
 */
import type { Estate } from '../../model/estate.js';
import { objectsOfKind } from '../../model/estate.js';
import { asArray, asRecord, asString, asStringMap } from '../../model/json.js';
import type { Workload } from '../../model/workload.js';

export interface HostReference {
  host: string;
  port?: number;
  /** Where the name was found: `env REDIS_ADDR`, `ConfigMap api-config, key DATABASE_HOST`, `args`. */
  where: string;
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`, 'i');
const URL_HOST = new RegExp(`\\b[a-z][a-z0-9+.-]*://(?:[^@/\\s]+@)?(${LABEL}(?:\\.${LABEL})*)(?::(\\d{1,5}))?`, 'gi');
const HOST_PORT = new RegExp(`(?:^|[\\s,;=])(${LABEL}(?:\\.${LABEL})*):(\\d{1,5})\\b`, 'gi');
const HOST_VARIABLE = /HOST|ADDR|URL|URI|ENDPOINT|SERVER|SERVICE|DSN|BROKER|UPSTREAM|BACKEND/i;
const NOT_A_HOST = new Set(['localhost', '0.0.0.0', '127.0.0.1']);

export function referencedHosts(estate: Estate, workload: Workload): HostReference[] {
  const configMaps = new Map(objectsOfKind(estate, 'ConfigMap').filter((map) => map.metadata.namespace === workload.namespace).map((map) => [map.metadata.name, asStringMap(map.raw.data)]));
  const found = new Map<string, HostReference>();
  const add = (value: string, where: string, hostVariable: boolean): void => {
    for (const reference of hostsIn(value, hostVariable)) {
      const key = `${reference.host}:${reference.port ?? ''}`;
      if (!found.has(key)) found.set(key, { ...reference, where });
    }
  };
  for (const container of workload.containers) {
    for (const entry of asArray(container.spec.env).map(asRecord)) {
      const name = asString(entry?.name) ?? '';
      const value = asString(entry?.value);
      if (value !== undefined) add(value, `env ${name}`, HOST_VARIABLE.test(name));
      const keyRef = asRecord(asRecord(entry?.valueFrom)?.configMapKeyRef);
      const mapName = asString(keyRef?.name);
      const key = asString(keyRef?.key);
      const fromMap = mapName && key ? configMaps.get(mapName)?.[key] : undefined;
      if (fromMap !== undefined) add(fromMap, `ConfigMap ${mapName}, key ${key}`, HOST_VARIABLE.test(name) || HOST_VARIABLE.test(key ?? ''));
    }
    for (const source of asArray(container.spec.envFrom).map(asRecord)) {
      const mapName = asString(asRecord(source?.configMapRef)?.name);
      for (const [key, value] of Object.entries((mapName && configMaps.get(mapName)) || {})) add(value, `ConfigMap ${mapName}, key ${key}`, HOST_VARIABLE.test(key));
    }
    for (const list of ['command', 'args'] as const) {
      for (const value of asArray(container.spec[list])) if (typeof value === 'string') add(value, list, false);
    }
  }
  return [...found.values()];
}

function hostsIn(value: string, hostVariable: boolean): Array<{ host: string; port?: number }> {
  const out: Array<{ host: string; port?: number }> = [];
  const push = (host: string, port: string | undefined): void => {
    const name = host.toLowerCase();
    if (NOT_A_HOST.has(name) || /^\d+(\.\d+)*$/.test(name) && !/^\d+\.\d+\.\d+\.\d+$/.test(name)) return;
    out.push(port ? { host: name, port: Number(port) } : { host: name });
  };
  for (const match of value.matchAll(URL_HOST)) push(match[1], match[2]);
  for (const match of value.matchAll(HOST_PORT)) push(match[1], match[2]);
  const whole = value.trim();
  if (out.length === 0 && HOST_NAME.test(whole) && (whole.includes('.') ? hostVariable || /\.svc(\.|$)/.test(whole) : hostVariable)) push(whole, undefined);
  return out;
}
