import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, isPinnedByDigest, parseImageReference, usesLatestTag } from './image-reference.js';

const DIGEST = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('parseImageReference', () => {
  it.each([
    ['nginx', 'nginx', undefined],
    ['nginx:1.25', 'nginx', '1.25'],
    ['localhost:5000/app', 'localhost:5000/app', undefined],
    ['localhost:5000/app:2.0', 'localhost:5000/app', '2.0'],
    ['registry.example.com:5000/team/app:latest', 'registry.example.com:5000/team/app', 'latest'],
    [`nginx@sha256:${DIGEST}`, 'nginx', undefined],
    [`nginx:1.25@sha256:${DIGEST}`, 'nginx', '1.25'],
    [`localhost:5000/app@sha256:${DIGEST}`, 'localhost:5000/app', undefined],
  ])('%s → repository %s, tag %s', (image, repository, tag) => {
    const reference = parseImageReference(image);
    expect(reference.repository).toBe(repository);
    expect(reference.tag).toBe(tag);
  });

  it.each([
    [`sha256:${DIGEST}`, true],
    ['sha256:abc', false],
    [`sha256:${DIGEST.toUpperCase()}`, false],
    [`sha512:${DIGEST}${DIGEST}`, true],
    [`sha512:${DIGEST}`, false],
    [`blake3:${DIGEST}`, true],
    [`blake3:${DIGEST.slice(1)}`, false],
    ['custom-algorithm:a', true],
    ['not a digest', false],
  ])('digest %s is well-formed: %s', (digest, valid) => {
    expect(isPinnedByDigest(parseImageReference(`nginx@${digest}`))).toBe(valid);
  });
});

describe('usesLatestTag', () => {
  it.each([
    ['nginx', true],
    ['nginx:latest', true],
    ['localhost:5000/app', true],
    ['nginx:1.25', false],
    ['nginx:latest-alpine', false],
    [`nginx@sha256:${DIGEST}`, false],
    [`nginx:latest@sha256:${DIGEST}`, false],
    ['nginx:latest@sha256:abc', true],
  ])('%s: %s', (image, latest) => {
    expect(usesLatestTag(parseImageReference(image))).toBe(latest);
  });
});

describe('defaultPullPolicy (what the API server fills in)', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['localhost:5000/app', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    [`nginx@sha256:${DIGEST}`, 'IfNotPresent'],
    [`nginx:latest@sha256:${DIGEST}`, 'Always'],
    ['nginx@sha256:abc', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    expect(defaultPullPolicy(parseImageReference(image))).toBe(policy);
  });
});
