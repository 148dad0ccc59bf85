import { describe, expect, it } from 'vitest';
import { formatCpu, formatMemory, parseQuantity } from './quantity.js';

describe('quantities', () => {
  it('reads CPU and memory the way the API server does', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity(2)).toBe(2);
    expect(parseQuantity('512Mi')).toBe(512 * 2 ** 20);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('2e3')).toBe(2000);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseQuantity('12 cores')).toBeUndefined();
    expect(parseQuantity('-1')).toBeUndefined();
  });

  it('writes them rounded up, in the units people use', () => {
    expect(formatCpu(0.25)).toBe('250m');
    expect(formatCpu(2)).toBe('2');
    expect(formatCpu(0.33, 100)).toBe('400m');
    expect(formatCpu(0.0001)).toBe('1m');
    expect(formatMemory(300 * 2 ** 20, 64)).toBe('320Mi');
    expect(formatMemory(2 * 2 ** 30)).toBe('2Gi');
    expect(formatMemory(1e9, 64)).toBe('960Mi');
  });
});
