/**
 * Container image references, split the way the kubelet splits them (the distribution/reference grammar):
 * `[host[:port]/]path[:tag][@algorithm:encoded]`. A colon before the last slash belongs to the registry host
 * (`localhost:5000/app` has no tag); a reference may carry both a tag and a digest, and then the digest decides
 * what runs.
 */

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

export interface ImageDigest {
  algorithm: string;
  encoded: string;
  /** The encoding fits the algorithm: 64 lower-case hex for sha256 and blake3, 128 for sha512 (OCI image spec). */
  valid: boolean;
}

export interface ImageReference {
  /** Registry host (if any) and repository path, as written. */
  repository: string;
  tag: string | undefined;
  digest: ImageDigest | undefined;
}

/** The OCI image spec's digest grammar; algorithms it registers must also have their exact encoding. */
const DIGEST_GRAMMAR = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;
const REGISTERED_ENCODINGS: Readonly<Record<string, RegExp>> = {
  sha256: /^[a-f0-9]{64}$/,
  sha512: /^[a-f0-9]{128}$/,
  blake3: /^[a-f0-9]{64}$/,
};

export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const name = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? undefined : parseDigest(image.slice(at + 1));
  const lastColon = name.lastIndexOf(':');
  const hasTag = lastColon !== -1 && lastColon > name.lastIndexOf('/');
  return {
    repository: hasTag ? name.slice(0, lastColon) : name,
    tag: hasTag ? name.slice(lastColon + 1) : undefined,
    digest,
  };
}

function parseDigest(text: string): ImageDigest {
  const match = DIGEST_GRAMMAR.exec(text);
  if (!match) {
    const colon = text.indexOf(':');
    return { algorithm: colon === -1 ? '' : text.slice(0, colon), encoded: colon === -1 ? text : text.slice(colon + 1), valid: false };
  }
  const [, algorithm, encoded] = match;
  const registered = REGISTERED_ENCODINGS[algorithm];
  // An algorithm the spec does not register is accepted as written: the spec allows them, and only the registry can tell.
  return { algorithm, encoded, valid: registered ? registered.test(encoded) : true };
}

/** Pinned: the image content is fixed by a well-formed digest, whatever the tag says. */
export function isPinnedByDigest(reference: ImageReference): boolean {
  return reference.digest?.valid === true;
}

/** The mutable `latest` tag, named or implied (no tag and no digest means latest). */
export function usesLatestTag(reference: ImageReference): boolean {
  if (isPinnedByDigest(reference)) return false;
  return reference.tag === 'latest' || (reference.tag === undefined && reference.digest === undefined);
}

/**
 * The policy the API server fills in when imagePullPolicy is unset (SetDefaults_Container): Always when the tag is
 * `latest` or the reference has neither tag nor digest, otherwise IfNotPresent — so `app:latest@sha256:…` gets Always
 * and `app@sha256:…` gets IfNotPresent.
 */
export function defaultPullPolicy(reference: ImageReference): PullPolicy {
  // The defaulting ignores a reference it cannot parse (a malformed digest) and then sees no tag.
  if (reference.digest && !reference.digest.valid) return 'IfNotPresent';
  if (reference.tag === 'latest') return 'Always';
  return reference.tag === undefined && reference.digest === undefined ? 'Always' : 'IfNotPresent';
}

export function isPullPolicy(value: unknown): value is PullPolicy {
  return value === 'Always' || value === 'IfNotPresent' || value === 'Never';
}
