/** How a control is written: its metadata as data, and a function that only reports what it finds. */
import type { PodInput, PolicyContext, PssControl, PssControlMeta, PssViolation } from './types.js';

export type ViolationReport = Omit<PssViolation, 'control' | 'level'>;
export type Report = (violation: ViolationReport) => void;

export function defineControl(
  meta: PssControlMeta,
  collect: (pod: PodInput, context: PolicyContext, report: Report) => void,
): PssControl {
  return {
    ...meta,
    check(pod, context) {
      const violations: PssViolation[] = [];
      collect(pod, context, (found) => violations.push({ control: meta.id, level: meta.level, ...found }));
      return violations;
    },
  };
}

/** A control's metadata without its check, for listings and docs. */
export function controlMeta({ id, level, title, minVersion, overrides }: PssControlMeta): PssControlMeta {
  return { id, level, title, minVersion, ...(overrides ? { overrides } : {}) };
}
