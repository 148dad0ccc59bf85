import { describe, expect, it } from 'vitest';
import { kubernetesMinorOf } from './kubernetes-version.js';

describe('kubernetesMinorOf', () => {
  it.each([
    ['v1.31', 31],
    ['1.31', 31],
    ['v1.31.2', 31],
    ['v1.29.0-eks-2a5b3c', 29],
    ['v1.30.1-gke.1146000', 30],
    ['v1.33.2+k3s1', 33],
    ['1.31+', 31],
    [' v1.28.4 ', 28],
    ['v1.0', 0],
  ])('%s → %s', (text, minor) => {
    expect(kubernetesMinorOf(text)).toBe(minor);
  });

  it.each(['banana', 'v2.0', '1', 'v1.', 'v1.31.x', 'v1.031', '1.31banana', ''])('%s is no version', (text) => {
    expect(kubernetesMinorOf(text)).toBeUndefined();
  });
});
