/**
 * PSA check_appArmorProfile.go: AppArmor may not be turned off, neither through the securityContext field (pod or
 * container) nor through the deprecated per-container annotation, which the kubelet still honours.
 */
import { asRecord, asString, type JsonRecord } from '../../../model/json.js';
import { defineControl } from '../define-control.js';
import { containerField, securityContextOwners } from '../pod.js';

const ALLOWED_PROFILE_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** The annotation value is allowed when it names the runtime default or a profile loaded on the node. */
function isAllowedAnnotationValue(value: string): boolean {
  return value === 'runtime/default' || value.startsWith('localhost/');
}

/** The profile type a securityContext sets, or undefined when it sets no profile. A profile without a type is refused. */
function profileTypeOf(securityContext: JsonRecord | undefined): string | undefined {
  const profile = asRecord(securityContext?.appArmorProfile);
  if (!profile) return undefined;
  return asString(profile.type) ?? '';
}

export const appArmorProfile = defineControl(
  { id: 'appArmorProfile', level: 'baseline', title: 'AppArmor', minVersion: 'v1.0' },
  (pod, _context, report) => {
    for (const owner of securityContextOwners(pod)) {
      const type = profileTypeOf(owner.securityContext);
      if (type === undefined || ALLOWED_PROFILE_TYPES.has(type)) continue;
      report({
        path: owner.path.concat('securityContext', 'appArmorProfile', 'type'),
        ...containerField(owner),
        value: type,
        reason: 'forbidden',
        detail: `${owner.description} sets securityContext.appArmorProfile.type=${JSON.stringify(type)}`,
      });
    }
    // PSA reads every annotation with the prefix, whether or not a container of that name exists.
    for (const key of Object.keys(pod.metadata.annotations).sort()) {
      const value = pod.metadata.annotations[key];
      if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX) || isAllowedAnnotationValue(value)) continue;
      report({
        path: ['metadata', 'annotations', key],
        value,
        reason: 'forbidden',
        detail: `pod sets annotation ${key}=${JSON.stringify(value)}`,
      });
    }
  },
);
