/** The ports a rule allows, with named ports resolved against the destination pod class (per protocol). */
import type { PodClass } from './pod-classes.js';
import { allPorts, allPortsOf, portSetOf, type PortRange, type PortSet } from './ports.js';
import type { PolicyRule } from './policy.js';

/** The rule's ports when they do not depend on the destination (no named port), else undefined. */
export function fixedRulePorts(rule: PolicyRule): PortSet | undefined {
  if (rule.ports === 'any') return allPorts;
  if (rule.ports.some((port) => typeof port.port === 'string')) return undefined;
  return resolveRulePorts(rule, undefined);
}

/** Every port the rule could allow for some destination: a named port could be any port of its protocol. */
export function rulePortEnvelope(rule: PolicyRule): PortSet {
  if (rule.ports === 'any') return allPorts;
  return portSetOf(rule.ports.flatMap((port) => (typeof port.port === 'string' ? allPortsOf(port.protocol) : resolveRulePorts({ ...rule, ports: [port] }, undefined))));
}

export function resolveRulePorts(rule: PolicyRule, destination: PodClass | undefined, notes?: string[]): PortSet {
  if (rule.ports === 'any') return allPorts;
  const ranges: PortRange[] = [];
  for (const port of rule.ports) {
    if (port.port === undefined) ranges.push(...allPortsOf(port.protocol));
    else if (typeof port.port === 'number') ranges.push({ protocol: port.protocol, from: port.port, to: port.endPort ?? port.port });
    else {
      const named = destination?.ports.filter((containerPort) => containerPort.name === port.port && containerPort.protocol === port.protocol) ?? [];
      if (named.length === 0)
        notes?.push(
          destination === undefined
            ? `named port ${port.port} cannot be resolved for a destination outside the cluster`
            : `the destination has no ${port.protocol} container port named ${port.port}`,
        );
      for (const containerPort of named) ranges.push({ protocol: port.protocol, from: containerPort.port, to: containerPort.port });
    }
  }
  return portSetOf(ranges);
}
