/** PSA check_procMount_restricted.go (policy v1.35+): restricted keeps /proc masked even in a user namespace. */
import { defineControl } from '../define-control.js';
import { reportNonDefaultProcMounts } from './procMount.js';

export const procMount_restricted = defineControl(
  {
    id: 'procMount_restricted',
    level: 'restricted',
    title: '/proc Mount Type (restricted)',
    minVersion: 'v1.35',
    overrides: 'procMount',
  },
  (pod, _context, report) => reportNonDefaultProcMounts(pod, report),
);
