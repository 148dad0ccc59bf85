/**
 * Effective security settings of a container, with pod- versus container-level precedence resolved once.
 * Kubernetes: for runAsUser, runAsGroup, runAsNonRoot, seccompProfile, appArmorProfile, seLinuxOptions and
 * windowsOptions the container's securityContext wins over the pod's; privileged, allowPrivilegeEscalation,
 * capabilities, readOnlyRootFilesystem and procMount exist on the container only.
 */
import type { FieldPath } from './object.js';
import { asBoolean, asNumber, asRecord, asString, type JsonRecord } from './json.js';
import { SharedValues } from './shared-values.js';

export interface Setting<T> {
  value: T | undefined;
  /** Where the value was set, from the object root; undefined when unset at both levels. */
  path: FieldPath | undefined;
  from: 'container' | 'pod' | 'unset';
}

export interface EffectiveSecurity {
  privileged: Setting<boolean>;
  /** As written. Kubernetes treats unset as true, and privileged or CAP_SYS_ADMIN forces it to true. */
  allowPrivilegeEscalation: Setting<boolean>;
  runAsUser: Setting<number>;
  runAsGroup: Setting<number>;
  runAsNonRoot: Setting<boolean>;
  readOnlyRootFilesystem: Setting<boolean>;
  procMount: Setting<string>;
  seccompProfileType: Setting<string>;
  appArmorProfileType: Setting<string>;
  seLinuxOptions: Setting<JsonRecord>;
  windowsHostProcess: Setting<boolean>;
  /** Upper-cased, without a CAP_ prefix, as the runtime understands them. */
  capabilitiesAdd: string[];
  capabilitiesDrop: string[];
  capabilitiesPath: FieldPath;
  /** The path where this container's securityContext is (or would be). */
  securityContextPath: FieldPath;
}

/** Most settings of most containers are unset: they share one frozen record rather than 11 objects per container. */
const UNSET: Setting<never> = Object.freeze({ value: undefined, path: undefined, from: 'unset' });
const unset = <T>(): Setting<T> => UNSET;
/** Shared by the containers that add (or drop) nothing. */
const NO_CAPABILITIES: string[] = Object.freeze([]) as unknown as string[];

export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/**
 * `shared` makes the paths, settings and capability lists that many containers have alike once (see shared-values.ts);
 * containerPath must come from it (or be a constant) for its extensions to be shared.
 */
export function effectiveSecurity(podSpec: JsonRecord, podSpecPath: FieldPath, container: JsonRecord, containerPath: FieldPath, shared = new SharedValues()): EffectiveSecurity {
  const podContext = asRecord(podSpec.securityContext) ?? {};
  const podContextPath = shared.path(podSpecPath, 'securityContext');
  const context = asRecord(container.securityContext) ?? {};
  const contextPath = shared.path(containerPath, 'securityContext');

  const containerOnly = <T>(read: (value: unknown) => T | undefined, ...field: string[]): Setting<T> => {
    const value = read(dig(context, field));
    return value === undefined ? unset<T>() : shared.setting(value, shared.path(contextPath, ...field), 'container');
  };
  const either = <T>(read: (value: unknown) => T | undefined, ...field: string[]): Setting<T> => {
    const own = read(dig(context, field));
    if (own !== undefined) return shared.setting(own, shared.path(contextPath, ...field), 'container');
    const pod = read(dig(podContext, field));
    if (pod !== undefined) return shared.setting(pod, shared.path(podContextPath, ...field), 'pod');
    return unset<T>();
  };
  const capabilities = asRecord(context.capabilities) ?? {};
  const names = (value: unknown): string[] =>
    Array.isArray(value) && value.length > 0 ? shared.list(value.filter((entry): entry is string => typeof entry === 'string').map(normalizeCapability)) : NO_CAPABILITIES;

  return {
    privileged: containerOnly(asBoolean, 'privileged'),
    allowPrivilegeEscalation: containerOnly(asBoolean, 'allowPrivilegeEscalation'),
    runAsUser: either(asNumber, 'runAsUser'),
    runAsGroup: either(asNumber, 'runAsGroup'),
    runAsNonRoot: either(asBoolean, 'runAsNonRoot'),
    readOnlyRootFilesystem: containerOnly(asBoolean, 'readOnlyRootFilesystem'),
    procMount: containerOnly(asString, 'procMount'),
    seccompProfileType: either(asString, 'seccompProfile', 'type'),
    appArmorProfileType: either(asString, 'appArmorProfile', 'type'),
    seLinuxOptions: either(asRecord, 'seLinuxOptions'),
    windowsHostProcess: either(asBoolean, 'windowsOptions', 'hostProcess'),
    capabilitiesAdd: names(capabilities.add),
    capabilitiesDrop: names(capabilities.drop),
    capabilitiesPath: shared.path(contextPath, 'capabilities'),
    securityContextPath: contextPath,
  };
}

/** Whether the process may gain more privileges than its parent (no_new_privs unset), as the kubelet decides it. */
export function privilegeEscalationAllowed(security: EffectiveSecurity): boolean {
  if (security.privileged.value === true) return true;
  if (security.capabilitiesAdd.includes('SYS_ADMIN')) return true;
  return security.allowPrivilegeEscalation.value !== false;
}

/** Whether the container may run as UID 0: runAsNonRoot is not true and no non-zero runAsUser is set. */
export function mayRunAsRoot(security: EffectiveSecurity): boolean {
  if (security.runAsUser.value === 0) return true;
  if (security.runAsNonRoot.value === true) return false;
  return security.runAsUser.value === undefined;
}

function dig(record: JsonRecord, field: readonly string[]): unknown {
  let current: unknown = record;
  for (const key of field) {
    const next = asRecord(current);
    if (!next) return undefined;
    current = next[key];
  }
  return current;
}
