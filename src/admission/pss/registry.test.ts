/** The catalogue as a whole: one file per control, named by its PSA check id, and metadata that holds together. */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { controlsFor, PSS_CONTROLS } from './index.js';
import { CONTROL_REGISTRY } from './registry.js';

const controlsFolder = join(dirname(fileURLToPath(import.meta.url)), 'controls');

describe('control registry', () => {
  it('has exactly one file in controls/ per control, named by its id', () => {
    const files = readdirSync(controlsFolder).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(files.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual(Object.keys(CONTROL_REGISTRY).sort());
    for (const [key, control] of Object.entries(CONTROL_REGISTRY)) expect(control.id).toBe(key);
  });

  it('carries the minimum policy version PSA gives each check', () => {
    const minVersions = Object.fromEntries(PSS_CONTROLS.map((control) => [control.id, control.minVersion]));
    expect(minVersions).toMatchObject({
      hostProbesAndHostLifecycle: 'v1.34',
      allowPrivilegeEscalation: 'v1.8',
      runAsUser: 'v1.23',
      seccompProfile_restricted: 'v1.19',
      capabilities_restricted: 'v1.22',
      procMount_restricted: 'v1.35',
      privileged: 'v1.0',
    });
  });

  it('lets only restricted controls override, and only baseline controls be overridden', () => {
    const levelOf = new Map(PSS_CONTROLS.map((control) => [control.id, control.level]));
    const overriding = PSS_CONTROLS.filter((control) => control.overrides);
    expect(overriding.map((control) => [control.id, control.overrides])).toEqual([
      ['restrictedVolumes', 'hostPathVolumes'],
      ['seccompProfile_restricted', 'seccompProfile_baseline'],
      ['capabilities_restricted', 'capabilities_baseline'],
      ['procMount_restricted', 'procMount'],
    ]);
    for (const control of overriding) {
      expect(control.level).toBe('restricted');
      expect(levelOf.get(control.overrides!)).toBe('baseline');
    }
  });

  it('runs 12 checks at baseline and 15 at restricted for the latest policy', () => {
    expect(controlsFor('baseline').map((control) => control.id)).toHaveLength(12);
    const restricted = controlsFor('restricted').map((control) => control.id);
    expect(restricted).toHaveLength(15);
    expect(restricted).not.toContain('hostPathVolumes');
    expect(controlsFor('privileged')).toEqual([]);
  });
});
