/**
 * IP addresses and CIDR blocks as exact sets of addresses, for IPv4 and IPv6.
 * A set is a sorted list of disjoint, non-adjacent closed intervals per family, so `except` and
 * "which part of the internet" questions are answered by arithmetic, not by sampling addresses.
 */

export type IpFamily = 4 | 6;

export interface ParsedAddress {
  family: IpFamily;
  value: bigint;
}

export interface ParsedCidr {
  family: IpFamily;
  /** First address of the block (host bits cleared, as net.ParseCIDR does). */
  start: bigint;
  end: bigint;
  prefixLength: number;
}

interface Interval {
  start: bigint;
  end: bigint;
}

/** An exact set of addresses. Immutable: every operation returns a new set. */
export interface AddressSet {
  readonly v4: readonly Interval[];
  readonly v6: readonly Interval[];
}

const bitsOf = (family: IpFamily): number => (family === 4 ? 32 : 128);

export function parseIp(text: string): ParsedAddress | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const value = parseIpv6(trimmed);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(trimmed);
  return value === undefined ? undefined : { family: 4, value };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are rejected, as Go's net.ParseIP does since Go 1.17 (they used to mean octal).
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (text.includes('%')) return undefined; // zones are not valid in a CIDR
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = wordsOf(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? wordsOf(halves[1], true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const zeros = 8 - head.length - tail.length;
  // Without '::' there must be exactly eight words; with it, '::' stands for at least one zero word.
  if (halves.length === 1 ? zeros !== 0 : zeros < 1) return undefined;
  const words = [...head, ...new Array<number>(zeros).fill(0), ...tail];
  return words.reduce((value, word) => (value << 16n) | BigInt(word), 0n);
}

/** The 16-bit words of one side of '::'; an embedded IPv4 address may end the address. */
function wordsOf(half: string, mayEndWithIpv4: boolean): number[] | undefined {
  if (half === '') return [];
  const groups = half.split(':');
  const words: number[] = [];
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index];
    if (mayEndWithIpv4 && index === groups.length - 1 && group.includes('.')) {
      const embedded = parseIpv4(group);
      if (embedded === undefined) return undefined;
      words.push(Number(embedded >> 16n), Number(embedded & 0xffffn));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) words.push(parseInt(group, 16));
    else return undefined;
  }
  return words;
}

export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIp(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (address === undefined || !/^[0-9]{1,3}$/.test(lengthText)) return undefined;
  const prefixLength = Number(lengthText);
  const bits = bitsOf(address.family);
  if (prefixLength > bits) return undefined;
  const hostBits = BigInt(bits - prefixLength);
  const start = (address.value >> hostBits) << hostBits;
  return { family: address.family, start, end: start + (1n << hostBits) - 1n, prefixLength };
}

export const emptyAddressSet: AddressSet = { v4: [], v6: [] };

export function addressSetOf(blocks: ReadonlyArray<ParsedCidr | ParsedAddress>): AddressSet {
  const v4: Interval[] = [];
  const v6: Interval[] = [];
  for (const block of blocks) {
    const interval = 'start' in block ? { start: block.start, end: block.end } : { start: block.value, end: block.value };
    (block.family === 4 ? v4 : v6).push(interval);
  }
  return { v4: normalise(v4), v6: normalise(v6) };
}

/** Addresses of CIDR strings known to be valid; throws on a typo, so use it for constants only. */
export function addressSetOfCidrs(cidrs: readonly string[]): AddressSet {
  return addressSetOf(
    cidrs.map((text) => {
      const cidr = parseCidr(text);
      if (cidr === undefined) throw new Error(`invalid CIDR constant ${text}`);
      return cidr;
    }),
  );
}

function normalise(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Interval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && interval.start <= last.end + 1n) {
      if (interval.end > last.end) out[out.length - 1] = { start: last.start, end: interval.end };
    } else out.push({ ...interval });
  }
  return out;
}

export function unionAddresses(a: AddressSet, b: AddressSet): AddressSet {
  return { v4: normalise([...a.v4, ...b.v4]), v6: normalise([...a.v6, ...b.v6]) };
}

function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  let current: Interval[] = [...from];
  for (const hole of remove) {
    const next: Interval[] = [];
    for (const interval of current) {
      if (hole.end < interval.start || hole.start > interval.end) next.push(interval);
      else {
        if (hole.start > interval.start) next.push({ start: interval.start, end: hole.start - 1n });
        if (hole.end < interval.end) next.push({ start: hole.end + 1n, end: interval.end });
      }
    }
    current = next;
  }
  return current;
}

export function subtractAddresses(from: AddressSet, remove: AddressSet): AddressSet {
  return { v4: subtractIntervals(from.v4, remove.v4), v6: subtractIntervals(from.v6, remove.v6) };
}

export function intersectAddresses(a: AddressSet, b: AddressSet): AddressSet {
  const intersect = (x: readonly Interval[], y: readonly Interval[]): Interval[] => {
    const out: Interval[] = [];
    for (const left of x)
      for (const right of y) {
        const start = left.start > right.start ? left.start : right.start;
        const end = left.end < right.end ? left.end : right.end;
        if (start <= end) out.push({ start, end });
      }
    return normalise(out);
  };
  return { v4: intersect(a.v4, b.v4), v6: intersect(a.v6, b.v6) };
}

export function isEmptyAddressSet(set: AddressSet): boolean {
  return set.v4.length === 0 && set.v6.length === 0;
}

export function containsAddress(set: AddressSet, address: ParsedAddress): boolean {
  const intervals = address.family === 4 ? set.v4 : set.v6;
  return intervals.some((interval) => interval.start <= address.value && address.value <= interval.end);
}

/** True when every address of `inner` is in `outer`. */
export function coversAddresses(outer: AddressSet, inner: AddressSet): boolean {
  return isEmptyAddressSet(subtractAddresses(inner, outer));
}

export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return outer.family === inner.family && outer.start <= inner.start && inner.end <= outer.end;
}
