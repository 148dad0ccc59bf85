import { describe, expect, it } from 'vitest';
import { formatPath, type FieldPath } from '../model/object.js';
import { stablePath } from './fingerprint.js';
import { sharedPaths } from './shared-paths.js';

describe('shared paths', () => {
  it('give each distinct path one value, written as formatPath writes it, whatever array it came in', () => {
    const paths = sharedPaths();
    const first = paths.path(['spec', 'template', 'spec', 'containers', 0, 'image']);
    const again = paths.path(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(again).toBe(first);
    expect(first.path).toBe('spec.template.spec.containers[0].image');
    expect(first.fieldPath).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(paths.path(['spec', 'template', 'spec', 'containers', 1, 'image'])).not.toBe(first);
    expect(paths.path(['spec', 'template', 'spec', 'containers', 0])).not.toBe(first);
    expect(paths.path([]).path).toBe('');
  });

  it('tell a list index from a key made of digits', () => {
    const paths = sharedPaths();
    const index = paths.path(['data', 0]);
    const key = paths.path(['data', '0']);
    expect(key).not.toBe(index);
    expect([index.path, key.path]).toEqual([formatPath(['data', 0]), formatPath(['data', '0'])]);
  });

  it('keep the value it made when the rule changes its array afterwards', () => {
    const paths = sharedPaths();
    const reused: Array<string | number> = ['spec', 'hostPID'];
    const shared = paths.path(reused);
    reused[1] = 'hostIPC';
    expect(shared.fieldPath).toEqual(['spec', 'hostPID']);
    expect(paths.path(['spec', 'hostIPC'])).not.toBe(shared);
  });

  it('agree with formatPath and stablePath on random paths, for every container name', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const segments: Array<string | number> = ['spec', 'containers', 'initContainers', 'ephemeralContainers', 'env', 0, 1, 2, '0', 'a.b', 'name=x', 'securityContext'];
    const paths = sharedPaths();
    for (let round = 0; round < 2000; round++) {
      const path: FieldPath = Array.from({ length: random(7) }, () => segments[random(segments.length)]);
      const container = ['app', 'sidecar', 'we"ird', undefined][random(4)];
      const shared = paths.path(path);
      expect(shared.path).toBe(formatPath(path));
      expect(shared.stable(container)).toBe(container === undefined ? formatPath(path) : stablePath(path, container));
    }
  });
});
