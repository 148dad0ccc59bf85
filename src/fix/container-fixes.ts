/**
 * The fixes of the container-hardening rules, one function per rule; each rule calls its own from its report.
 *
 * One principle decides safe versus suggestion: a safe fix only fills in a setting the manifest leaves unset (the
 * Kubernetes default is the risky one, and almost no workload depends on it). A fix that overrides what the manifest
 * says explicitly (runAsUser: 0, seccomp Unconfined, allowPrivilegeEscalation: true) undoes a decision someone made,
 * maybe for a reason: it is a suggestion, applied only when the user names the rule.
 */
import { asArray, asNumber, asRecord, asString } from '../model/json.js';
import { normalizeCapability } from '../model/security-context.js';
import type { Container, Workload } from '../model/workload.js';
import type { FixEdit, FixProposal } from './types.js';

export function allowPrivilegeEscalationFix(container: Container): FixProposal {
  const security = container.security;
  const field = [...security.securityContextPath, 'allowPrivilegeEscalation'];
  const addsSysAdmin = security.capabilitiesAdd.includes('SYS_ADMIN');
  const privileged = security.privileged.value === true;
  if (!privileged && !addsSysAdmin) return { edits: [{ op: 'set', path: field, value: false }], suggestion: security.allowPrivilegeEscalation.value === true };
  // The API server refuses allowPrivilegeEscalation: false next to privileged or CAP_SYS_ADMIN, so those go too.
  const edits: FixEdit[] = [];
  if (privileged) edits.push({ op: 'set', path: [...security.securityContextPath, 'privileged'], value: false });
  if (addsSysAdmin) edits.push({ op: 'set', path: [...security.capabilitiesPath, 'add'], value: rawCapabilities(container, 'add').filter((name) => normalizeCapability(name) !== 'SYS_ADMIN') });
  edits.push({ op: 'set', path: field, value: false });
  return {
    edits,
    suggestion: true,
    notes: [`the API server refuses allowPrivilegeEscalation: false on a container that ${privileged ? 'is privileged' : 'adds SYS_ADMIN'}, so this also takes ${privileged ? 'privileged' : 'SYS_ADMIN'} away: test that the container works without it`],
  };
}

export function dropAllCapabilitiesFix(container: Container): FixProposal {
  const security = container.security;
  const edits: FixEdit[] = [{ op: 'set', path: [...security.capabilitiesPath, 'drop'], value: ['ALL'] }];
  const notes: string[] = [];
  const lowPorts = asArray(container.spec.ports)
    .map((port) => asNumber(asRecord(port)?.containerPort))
    .filter((port): port is number => port !== undefined && port > 0 && port < 1024);
  if (lowPorts.length > 0 && !security.capabilitiesAdd.includes('NET_BIND_SERVICE')) {
    edits.push({ op: 'append', path: [...security.capabilitiesPath, 'add'], value: 'NET_BIND_SERVICE' });
    notes.push(`NET_BIND_SERVICE is added back: the container declares port ${lowPorts.join(', ')}, below 1024`);
  }
  return { edits, notes };
}

const ALLOWED_SECCOMP = new Set(['RuntimeDefault', 'Localhost']);

export function seccompRuntimeDefaultFix(workload: Workload, container: Container): FixProposal {
  const own = container.security.seccompProfileType;
  const onContainer = own.from === 'container' && !ALLOWED_SECCOMP.has(own.value ?? '');
  const owner = onContainer ? container.security.securityContextPath : [...workload.specPath, 'securityContext'];
  const profile = asRecord(asRecord(onContainer ? container.spec.securityContext : workload.spec.securityContext)?.seccompProfile);
  const edits: FixEdit[] = [{ op: 'set', path: [...owner, 'seccompProfile', 'type'], value: 'RuntimeDefault' }];
  if (profile?.localhostProfile !== undefined) edits.push({ op: 'remove', path: [...owner, 'seccompProfile', 'localhostProfile'] });
  const overridden = asString(profile?.type);
  if (overridden === undefined) return { edits, notes: ['set on the pod: every container without a profile of its own gets RuntimeDefault'] };
  return { edits, suggestion: true, notes: [`replaces the ${onContainer ? "container's" : "pod's"} explicit seccomp profile ${overridden}: check that the process makes no system call RuntimeDefault blocks`] };
}

/**
 * runAsNonRoot: true, on the pod when nothing says otherwise. Fixes a finding about the pod itself when `container`
 * is undefined. The kubelet then refuses to start a container whose image runs as root, hence the note.
 */
export function runAsNonRootFix(workload: Workload, container: Container | undefined): FixProposal {
  const podContext = [...workload.specPath, 'securityContext'];
  const pod = asRecord(workload.spec.securityContext) ?? {};
  const edits: FixEdit[] = [];
  let overrides = false;
  if (container?.security.runAsUser.from === 'container' && container.security.runAsUser.value === 0) {
    edits.push({ op: 'remove', path: [...container.security.securityContextPath, 'runAsUser'] });
    overrides = true;
  } else if (asNumber(pod.runAsUser) === 0 && (container === undefined || container.security.runAsUser.from === 'pod')) {
    edits.push({ op: 'remove', path: [...podContext, 'runAsUser'] });
    overrides = true;
  }
  if (container?.security.runAsNonRoot.from === 'container') {
    if (container.security.runAsNonRoot.value === false) {
      edits.push({ op: 'set', path: [...container.security.securityContextPath, 'runAsNonRoot'], value: true });
      overrides = true;
    }
  } else if (pod.runAsNonRoot !== true) {
    edits.push({ op: 'set', path: [...podContext, 'runAsNonRoot'], value: true });
    if (pod.runAsNonRoot === false) overrides = true;
  }
  const notes = ['the image must run as a non-root USER (or set a non-zero runAsUser): the kubelet refuses to start a container that would run as root'];
  if (overrides) notes.push('this undoes an explicit runAsUser: 0 or runAsNonRoot: false: check why the container was made to run as root');
  // Sets first: a removal that empties a securityContext drops it, and a set after it would re-create it elsewhere.
  return { edits: [...edits.filter((edit) => edit.op !== 'remove'), ...edits.filter((edit) => edit.op === 'remove')], notes, suggestion: overrides };
}

/** A name kubethreat gives the /tmp volume when `tmp` is taken by a volume that is not an emptyDir. */
const FALLBACK_TMP_VOLUME = 'kubethreat-tmp';

export function readOnlyRootFilesystemFix(workload: Workload, container: Container): FixProposal {
  const security = container.security;
  const edits: FixEdit[] = [{ op: 'set', path: [...security.securityContextPath, 'readOnlyRootFilesystem'], value: true }];
  const notes = ['the container can no longer write outside its volumes'];
  const mountsTmp = asArray(container.spec.volumeMounts).some((mount) => asString(asRecord(mount)?.mountPath)?.replace(/\/+$/, '') === '/tmp');
  if (!mountsTmp) {
    const volumes = asArray(workload.spec.volumes).map(asRecord);
    const existing = volumes.find((volume) => asString(volume?.name) === 'tmp');
    const name = existing === undefined || asRecord(existing.emptyDir) !== undefined ? 'tmp' : FALLBACK_TMP_VOLUME;
    edits.push({ op: 'append', path: [...workload.specPath, 'volumes'], value: { name, emptyDir: {} }, match: 'name' });
    edits.push({ op: 'append', path: [...container.path, 'volumeMounts'], value: { name, mountPath: '/tmp' }, match: 'mountPath' });
    notes[0] = `an emptyDir volume (${name}) is mounted at /tmp for temporary files; mount one wherever else the container writes (caches, PID files)`;
  }
  return { edits, notes, suggestion: security.readOnlyRootFilesystem.value === false };
}

export function privilegedFalseFix(container: Container): FixProposal {
  return {
    edits: [{ op: 'set', path: [...container.security.securityContextPath, 'privileged'], value: false }],
    notes: ['a privileged container usually uses some of what privileged gives (devices, kernel settings, capabilities): test it, and grant only the capabilities it needs'],
  };
}

/** The capability names as written (not normalized), to write back a list without one of them. */
function rawCapabilities(container: Container, list: 'add' | 'drop'): string[] {
  return asArray(asRecord(asRecord(container.spec.securityContext)?.capabilities)?.[list]).filter((name): name is string => typeof name === 'string');
}
