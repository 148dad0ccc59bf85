/**
 * Every Pod Security Standards control, keyed by its PSA check id. The Record type makes the compiler refuse a
 * missing control; entries are in the order of the PSS document (baseline B1–B12, then restricted R1–R7),
 * which is the order findings are reported in. A test checks this list against the files in controls/.
 */
import { allowPrivilegeEscalation } from './controls/allowPrivilegeEscalation.js';
import { appArmorProfile } from './controls/appArmorProfile.js';
import { capabilities_baseline } from './controls/capabilities_baseline.js';
import { capabilities_restricted } from './controls/capabilities_restricted.js';
import { hostNamespaces } from './controls/hostNamespaces.js';
import { hostPathVolumes } from './controls/hostPathVolumes.js';
import { hostPorts } from './controls/hostPorts.js';
import { hostProbesAndHostLifecycle } from './controls/hostProbesAndHostLifecycle.js';
import { privileged } from './controls/privileged.js';
import { procMount } from './controls/procMount.js';
import { procMount_restricted } from './controls/procMount_restricted.js';
import { restrictedVolumes } from './controls/restrictedVolumes.js';
import { runAsNonRoot } from './controls/runAsNonRoot.js';
import { runAsUser } from './controls/runAsUser.js';
import { seccompProfile_baseline } from './controls/seccompProfile_baseline.js';
import { seccompProfile_restricted } from './controls/seccompProfile_restricted.js';
import { seLinuxOptions } from './controls/seLinuxOptions.js';
import { sysctls } from './controls/sysctls.js';
import { windowsHostProcess } from './controls/windowsHostProcess.js';
import type { PssControl, PssControlId } from './types.js';

export const CONTROL_REGISTRY: Readonly<Record<PssControlId, PssControl>> = {
  windowsHostProcess,
  hostNamespaces,
  privileged,
  capabilities_baseline,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfile_baseline,
  sysctls,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfile_restricted,
  capabilities_restricted,
  procMount_restricted,
};

export const ALL_CONTROLS: readonly PssControl[] = Object.values(CONTROL_REGISTRY);
