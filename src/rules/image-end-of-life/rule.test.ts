import { describe, expect, it } from 'vitest';
import { analyze } from '../../engine/analyze.js';
import { parseManifestText } from '../../load/parse-text.js';
import { endOfLifeOf } from './rule.js';

const pod = (image: string): string => `apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  containers:
    - { name: app, image: "${image}" }
`;

function findingsAt(now: string, image: string): string[] {
  const { objects } = parseManifestText(pod(image), 'pod.yaml');
  return analyze({ objects, now: new Date(now), toolVersion: 'test', options: { onlyRules: ['image-end-of-life'] } }).findings.map((finding) => finding.message);
}

describe('image-end-of-life', () => {
  it('judges at the analysis time it is given, never the clock: node 20 ends on 2026-04-30', () => {
    expect(findingsAt('2026-04-29T23:00:00Z', 'node:20-alpine')).toEqual([]);
    expect(findingsAt('2026-11-28T00:00:00Z', 'node:20-alpine')).toEqual([
      'Container app of Pod shop/app runs node:20-alpine: node 20 reached end of life on 2026-04-30; move to node:24 (the current LTS line).',
    ]);
  });

  it('compares versions component by component and only official images', () => {
    expect(endOfLifeOf('python:3.1')).toBeUndefined();
    expect(endOfLifeOf('python:3.10')).toBeUndefined();
    expect(endOfLifeOf('python:2.7.18')?.version).toBe('2');
    expect(endOfLifeOf('library/ruby:2.7-slim')?.version).toBe('2');
    expect(endOfLifeOf('index.docker.io/library/golang:1.22.5-bookworm')?.version).toBe('1.22');
    expect(endOfLifeOf('golang:1.2')).toBeUndefined();
    expect(endOfLifeOf('myorg/python:2.7')).toBeUndefined();
    expect(endOfLifeOf('mysql:8.4')).toBeUndefined();
    expect(endOfLifeOf('mysql:8.0.36')?.end).toBe('2026-04-30');
    expect(endOfLifeOf('ubuntu:focal-20240530')?.version).toBe('focal');
    expect(endOfLifeOf('centos')?.image).toBe('centos');
    // A tag that names only a line that is still maintained says nothing about end of life.
    expect(endOfLifeOf('node:lts')).toBeUndefined();
    expect(endOfLifeOf('redis:6')).toBeUndefined();
  });
});
