/** Sets of (protocol, port) as sorted ranges; what a rule allows after named ports are resolved. */

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const protocols: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export function asProtocol(value: unknown): Protocol | undefined {
  return value === 'TCP' || value === 'UDP' || value === 'SCTP' ? value : undefined;
}

export interface PortRange {
  protocol: Protocol;
  from: number;
  to: number;
}

/** Sorted by protocol then port, disjoint and non-adjacent. */
export type PortSet = readonly PortRange[];

export const MAX_PORT = 65535;
export const emptyPortSet: PortSet = [];
export const allPorts: PortSet = protocols.map((protocol) => ({ protocol, from: 1, to: MAX_PORT }));

export function allPortsOf(protocol: Protocol): PortSet {
  return [{ protocol, from: 1, to: MAX_PORT }];
}

function normalise(ranges: PortRange[]): PortRange[] {
  const order = (protocol: Protocol): number => protocols.indexOf(protocol);
  const sorted = [...ranges].sort((a, b) => order(a.protocol) - order(b.protocol) || a.from - b.from);
  const out: PortRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last.protocol === range.protocol && range.from <= last.to + 1)
      out[out.length - 1] = { ...last, to: Math.max(last.to, range.to) };
    else out.push({ ...range });
  }
  return out;
}

export function portSetOf(ranges: readonly PortRange[]): PortSet {
  return normalise([...ranges]);
}

export function unionPorts(...sets: readonly PortSet[]): PortSet {
  return normalise(sets.flat());
}

export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  const out: PortRange[] = [];
  for (const left of a)
    for (const right of b) {
      if (left.protocol !== right.protocol) continue;
      const from = Math.max(left.from, right.from);
      const to = Math.min(left.to, right.to);
      if (from <= to) out.push({ protocol: left.protocol, from, to });
    }
  return normalise(out);
}

export function isEmptyPortSet(set: PortSet): boolean {
  return set.length === 0;
}

export function isAllPorts(set: PortSet): boolean {
  return set.length === allPorts.length && set.every((range, index) => range.from === 1 && range.to === MAX_PORT && range.protocol === allPorts[index].protocol);
}

export function containsPort(set: PortSet, protocol: Protocol, port: number): boolean {
  return set.some((range) => range.protocol === protocol && range.from <= port && port <= range.to);
}

export function portSetKey(set: PortSet): string {
  return set.map((range) => `${range.protocol}:${range.from}-${range.to}`).join(',');
}

/** How people write ports: `TCP/80`, `TCP/8000-8080`, `all ports`. */
export function formatPorts(set: PortSet): string {
  if (isAllPorts(set)) return 'all ports';
  if (set.length === 0) return 'no port';
  return set
    .map((range) =>
      range.from === 1 && range.to === MAX_PORT
        ? `${range.protocol}/all`
        : range.from === range.to
          ? `${range.protocol}/${range.from}`
          : `${range.protocol}/${range.from}-${range.to}`,
    )
    .join(', ');
}
