/**
 * Pod Security Admission as configured on a namespace: `pod-security.kubernetes.io/<mode>` and `<mode>-version`
 * labels, for the modes enforce, audit and warn.
 */
import { parsePssVersion, type PssLevel, type PssVersion } from './pss/index.js';

export const PSA_MODES = ['enforce', 'audit', 'warn'] as const;
export type PsaMode = (typeof PSA_MODES)[number];

export const PSA_LABEL_PREFIX = 'pod-security.kubernetes.io/';
const LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

export interface PsaModePolicy {
  level: PssLevel;
  /** The pinned policy version, or latest when the -version label is absent. */
  version: PssVersion;
  pinned: boolean;
  /** The labels' keys, for evidence paths. */
  levelLabel: string;
  versionLabel: string;
}

export interface PsaLabelError {
  label: string;
  value: string;
  message: string;
}

export interface NamespacePsa {
  modes: Partial<Record<PsaMode, PsaModePolicy>>;
  errors: PsaLabelError[];
}

export function namespacePsa(labels: Record<string, string>): NamespacePsa {
  const result: NamespacePsa = { modes: {}, errors: [] };
  for (const mode of PSA_MODES) {
    const levelLabel = `${PSA_LABEL_PREFIX}${mode}`;
    const versionLabel = `${levelLabel}-version`;
    const levelValue = labels[levelLabel];
    const versionValue = labels[versionLabel];
    let version: PssVersion = 'latest';
    if (versionValue !== undefined) {
      const parsed = parsePssVersion(versionValue);
      if (parsed) version = parsed;
      else result.errors.push({ label: versionLabel, value: versionValue, message: 'is not "latest" or a version like v1.30' });
    }
    if (levelValue === undefined) continue;
    if (!LEVELS.includes(levelValue as PssLevel)) {
      result.errors.push({ label: levelLabel, value: levelValue, message: 'is not privileged, baseline or restricted' });
      continue;
    }
    result.modes[mode] = { level: levelValue as PssLevel, version, pinned: versionValue !== undefined && version !== 'latest', levelLabel, versionLabel };
  }
  return result;
}
