/**
 * The specs of controllers' Pods the parser left unread (src/load/unread-fields.ts) that addObject may still want: the
 * first Pod of each owner, whose containers admission may have added to (admitted-samples.ts). Most such Pods run just
 * what their template lists, which the names the parser read by layout tell without parsing the spec (a third of the
 * Pods of a 150,000-pod dump: 0.2 s of its load for every 50,000 Pods).
 */

/** The names of a list of containers, as a count and the sum (mod 2^32) of their FNV-1a hashes. */
export interface NamesDigest {
  hash: number;
  count: number;
}

interface UnreadSpec {
  chunk: Buffer;
  open: number;
  close: number;
  /** The digest of the names of its containers, read from its bytes; undefined when they cannot be read so. */
  names: () => NamesDigest | undefined;
}

const UNREAD = new WeakMap<object, UnreadSpec>();

/** Notes that the Pod's whole spec, which `spec` stands for, is the JSON text at [open, close] of `chunk`. */
export function leavePodSpecUnread(spec: object, chunk: Buffer, open: number, close: number, names: () => NamesDigest | undefined): void {
  UNREAD.set(spec, { chunk, open, close, names });
}

/**
 * The whole spec `spec` stands for, if it was left unread, and the digest of the names of its containers; the note is
 * let go, and with it the bytes (see settleTemplateSpec on why at once).
 */
export function takeUnreadPodSpec(spec: object): { names: () => NamesDigest | undefined; read(): unknown } | undefined {
  const unread = UNREAD.get(spec);
  if (unread === undefined) return undefined;
  UNREAD.delete(spec);
  return {
    names: unread.names,
    // A spec that does not parse is left as the parser left it, as every unread part is (unread-fields.ts).
    read: () => {
      try {
        return JSON.parse(unread.chunk.toString('utf8', unread.open, unread.close + 1)) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

/** The digest of `names`, as containerNamesDigest (unread-fields.ts) reads them from a spec's bytes. */
export function namesDigest(names: readonly string[]): NamesDigest {
  let hash = 0;
  for (const name of names) {
    const bytes = Buffer.from(name, 'utf8');
    hash = (hash + fnv1a(bytes, 0, bytes.length)) >>> 0;
  }
  return { hash, count: names.length };
}

/** The 32-bit FNV-1a hash of bytes [from, to) of `bytes`. */
export function fnv1a(bytes: Uint8Array, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let at = from; at < to; at++) hash = Math.imul(hash ^ bytes[at], 0x01000193);
  return hash >>> 0;
}
