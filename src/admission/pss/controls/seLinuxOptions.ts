/**
 * PSA check_seLinuxOptions.go: a pod may pick an SELinux level but not a user, a role, or a type outside the
 * container types. container_engine_t (for running container engines in pods) is allowed from policy v1.31.
 */
import { asRecord, asString } from '../../../model/json.js';
import { defineControl } from '../define-control.js';
import { containerField, securityContextOwners } from '../pod.js';

const ALLOWED_TYPES_V1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const ALLOWED_TYPES_V1_31 = [...ALLOWED_TYPES_V1_0, 'container_engine_t'];

export function allowedSeLinuxTypes(minorVersion: number): ReadonlySet<string> {
  return new Set(minorVersion >= 31 ? ALLOWED_TYPES_V1_31 : ALLOWED_TYPES_V1_0);
}

export const seLinuxOptions = defineControl(
  { id: 'seLinuxOptions', level: 'baseline', title: 'SELinux', minVersion: 'v1.0' },
  (pod, context, report) => {
    const allowedTypes = allowedSeLinuxTypes(context.minorVersion);
    for (const owner of securityContextOwners(pod)) {
      const options = asRecord(owner.securityContext?.seLinuxOptions);
      if (!options) continue;
      const offending: { field: 'type' | 'user' | 'role'; value: string }[] = [];
      const type = asString(options.type) ?? '';
      if (!allowedTypes.has(type)) offending.push({ field: 'type', value: type });
      for (const field of ['user', 'role'] as const) {
        const value = asString(options[field]) ?? '';
        if (value !== '') offending.push({ field, value });
      }
      for (const { field, value } of offending) {
        report({
          path: owner.path.concat('securityContext', 'seLinuxOptions', field),
          ...containerField(owner),
          value,
          reason: 'forbidden',
          detail: `${owner.description} sets securityContext.seLinuxOptions.${field}=${JSON.stringify(value)}`,
        });
      }
    }
  },
);
