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
      collect(pod, context, (found) => violations.push(violationOf(meta, found)));
      return violations;
    },
  };
}

/**
 * The violation as one literal per shape rather than `{ control, level, ...found }`, whose spread adds the keys one
 * by one into an out-of-object property array: violations are remembered per pod (evaluate.ts), thousands of them.
 * The keys and their order stay those of the report: `container` and `value` only when the control gave them.
 */
function violationOf(meta: PssControlMeta, found: ViolationReport): PssViolation {
  const { id: control, level } = meta;
  const { path, container, value, reason, detail } = found;
  if ('value' in found) {
    return container === undefined ? { control, level, path, value, reason, detail } : { control, level, path, container, value, reason, detail };
  }
  return container === undefined ? { control, level, path, reason, detail } : { control, level, path, container, reason, detail };
}

/** A control's metadata without its check, for listings and docs. */
export function controlMeta({ id, level, title, minVersion, overrides }: PssControlMeta): PssControlMeta {
  return { id, level, title, minVersion, ...(overrides ? { overrides } : {}) };
}
