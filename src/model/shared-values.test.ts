/** Sharing paths, settings and capability lists between workloads must not change what any workload says. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.js';
import { effectiveSecurity } from './security-context.js';
import { SharedValues } from './shared-values.js';
import type { FieldPath } from './object.js';

const SPEC_PATH: FieldPath = ['spec', 'template', 'spec'];

function randomContext(random: () => number): Record<string, unknown> {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const context: Record<string, unknown> = {};
  const fields: Array<[string, readonly unknown[]]> = [
    ['privileged', [true, false, 'yes']],
    ['allowPrivilegeEscalation', [true, false]],
    ['runAsUser', [0, 1000, -0, 'root', Number.NaN]],
    ['runAsNonRoot', [true, false]],
    ['readOnlyRootFilesystem', [true, false]],
    ['seccompProfile', [{ type: 'RuntimeDefault' }, { type: 'Unconfined' }, 'x']],
    ['seLinuxOptions', [{ level: 's0' }, {}]],
    ['capabilities', [{ drop: ['ALL'] }, { add: ['NET_ADMIN', 'cap_sys_admin'], drop: ['all'] }, { add: [7, 'a,b'] }]],
  ];
  for (const [field, values] of fields) if (random() < 0.5) context[field] = pick(values);
  return context;
}

describe('SharedValues', () => {
  it('gives one frozen array per path, equal to the path joined the plain way', () => {
    const shared = new SharedValues();
    const container = shared.path(SPEC_PATH, 'containers', 0);
    expect(container).toEqual(['spec', 'template', 'spec', 'containers', 0]);
    expect(shared.path(SPEC_PATH, 'containers', 0)).toBe(container);
    expect(shared.path(container, 'securityContext')).toBe(shared.path(SPEC_PATH, 'containers', 0, 'securityContext'));
    expect(shared.path(SPEC_PATH, 'containers', 1)).not.toBe(container);
    expect(Object.isFrozen(container)).toBe(true);
  });

  it('makes the same effective security as containers read on their own, on random security contexts', () => {
    const random = seededRandom(3);
    const shared = new SharedValues();
    for (let round = 0; round < 400; round++) {
      const index = Math.floor(random() * 3);
      const container = { name: 'c', securityContext: randomContext(random) };
      const spec = { securityContext: randomContext(random), containers: [container] };
      const alone = effectiveSecurity(spec, SPEC_PATH, container, SPEC_PATH.concat('containers', index));
      const withShared = effectiveSecurity(spec, SPEC_PATH, container, shared.path(SPEC_PATH, 'containers', index), shared);
      expect(withShared, `round ${round}`).toEqual(alone);
      expect(Object.is(withShared.runAsUser.value, alone.runAsUser.value), `round ${round}`).toBe(true);
    }
  });
});
