import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../testing/scan-text.js';
import type { Finding } from '../engine/finding.js';
import { applyAcceptances } from './match.js';
import type { Acceptance } from './types.js';
import { findingWith } from '../engine/finding.js';

const ESTATE = readFileSync(new URL('./fixtures/estate.yaml', import.meta.url), 'utf8');
const findings: Finding[] = analyzeText(ESTATE, { onlyRules: ['privileged-container', 'namespace-psa-missing'] }).findings;
const ON_THE_DAY = new Date('2026-06-30T12:00:00Z');

function acceptance(fields: Partial<Acceptance>): Acceptance {
  return { rule: 'privileged-container', reason: 'a reason', expires: '2026-06-30', source: { file: '.kubethreat.yaml', line: 3, column: 5, via: 'config' }, ...fields };
}

/** object/container of each finding, the way people read them. */
function where(list: readonly Finding[]): string[] {
  return list.map((finding) => `${finding.ruleId} ${finding.object.kind}/${finding.object.namespace ?? ''}/${finding.object.name}${finding.container ? ` ${finding.container}` : ''}`);
}

describe('the fixture', () => {
  it('has three privileged containers and a namespace without Pod Security Admission', () => {
    expect(where(findings).sort()).toEqual([
      'namespace-psa-missing Namespace//shop',
      'privileged-container Deployment/ops/agent agent',
      'privileged-container Deployment/shop/web app',
      'privileged-container Deployment/shop/web gpu',
    ]);
  });
});

describe('selectors', () => {
  it('fingerprint: exactly one finding', () => {
    const target = findings.find((finding) => finding.container === 'gpu');
    const outcome = applyAcceptances(findings, [acceptance({ fingerprint: target?.fingerprint })], ON_THE_DAY);
    expect(where(outcome.accepted)).toEqual(['privileged-container Deployment/shop/web gpu']);
    expect(outcome.accepted[0].acceptance.reason).toBe('a reason');
    expect(outcome.open).toHaveLength(3);
  });

  it('object: every finding of the rule on that object', () => {
    const outcome = applyAcceptances(findings, [acceptance({ object: 'Deployment/shop/web' })], ON_THE_DAY);
    expect(where(outcome.accepted)).toEqual(['privileged-container Deployment/shop/web app', 'privileged-container Deployment/shop/web gpu']);
  });

  it('object and container: only that container', () => {
    const outcome = applyAcceptances(findings, [acceptance({ object: 'Deployment/shop/web', container: 'app' })], ON_THE_DAY);
    expect(where(outcome.accepted)).toEqual(['privileged-container Deployment/shop/web app']);
  });

  it('container alone: that container of every object, and nothing without a container', () => {
    const outcome = applyAcceptances(findings, [acceptance({ container: 'agent' }), acceptance({ rule: 'namespace-psa-missing', container: 'agent' })], ON_THE_DAY);
    expect(where(outcome.accepted)).toEqual(['privileged-container Deployment/ops/agent agent']);
    expect(where(outcome.open).sort()).toEqual(['namespace-psa-missing Namespace//shop', 'privileged-container Deployment/shop/web app', 'privileged-container Deployment/shop/web gpu']);
    expect(outcome.stale.map((stale) => stale.rule)).toEqual(['namespace-psa-missing']);
  });

  it('namespace and container: that container of the objects of the namespace; an object and container wins over it', () => {
    const outcome = applyAcceptances(
      findings,
      [acceptance({ namespace: 'shop', container: 'gpu', reason: 'namespace' }), acceptance({ container: 'gpu', reason: 'everywhere' }), acceptance({ object: 'Deployment/shop/web', container: 'gpu', reason: 'object' })],
      ON_THE_DAY,
    );
    expect(where(outcome.accepted)).toEqual(['privileged-container Deployment/shop/web gpu']);
    expect(outcome.accepted[0].acceptance.reason).toBe('object');
    const inNamespace = applyAcceptances(findings, [acceptance({ namespace: 'ops', container: 'gpu' }), acceptance({ namespace: 'shop', container: 'gpu' })], ON_THE_DAY);
    expect(where(inNamespace.accepted)).toEqual(['privileged-container Deployment/shop/web gpu']);
    expect(inNamespace.stale.map((stale) => stale.namespace)).toEqual(['ops']);
  });

  it('namespace: the objects of the namespace, and the Namespace itself for namespace rules', () => {
    const outcome = applyAcceptances(
      findings,
      [acceptance({ namespace: 'shop' }), acceptance({ rule: 'namespace-psa-missing', namespace: 'shop' })],
      ON_THE_DAY,
    );
    expect(where(outcome.accepted).sort()).toEqual([
      'namespace-psa-missing Namespace//shop',
      'privileged-container Deployment/shop/web app',
      'privileged-container Deployment/shop/web gpu',
    ]);
    expect(where(outcome.open)).toEqual(['privileged-container Deployment/ops/agent agent']);
  });

  it('never crosses rules: an acceptance of one rule leaves the others open on the same object', () => {
    const outcome = applyAcceptances(findings, [acceptance({ rule: 'host-pid', object: 'Deployment/shop/web' })], ON_THE_DAY);
    expect(outcome.accepted).toEqual([]);
    expect(outcome.stale).toHaveLength(1);
  });

  it('an object holds in every cluster, unless the selector names one (cluster:Kind/namespace/name)', () => {
    const inClusters = findings.map((finding) => findingWith(finding, { object: { ...finding.object, cluster: finding.container === 'gpu' ? 'prod' : 'staging' } }));
    const everywhere = applyAcceptances(inClusters, [acceptance({ object: 'Deployment/shop/web' })], ON_THE_DAY);
    expect(where(everywhere.accepted)).toEqual(['privileged-container Deployment/shop/web app', 'privileged-container Deployment/shop/web gpu']);
    const inProd = applyAcceptances(inClusters, [acceptance({ object: 'prod:Deployment/shop/web' })], ON_THE_DAY);
    expect(where(inProd.accepted)).toEqual(['privileged-container Deployment/shop/web gpu']);
  });

  it('kinds and names are matched exactly, as Kubernetes spells them', () => {
    const outcome = applyAcceptances(findings, [acceptance({ object: 'deployment/shop/web' })], ON_THE_DAY);
    expect(outcome.accepted).toEqual([]);
  });

  it('the narrowest acceptance is the one recorded when several select a finding', () => {
    const broad = acceptance({ namespace: 'shop', reason: 'the whole shop' });
    const narrow = acceptance({ object: 'Deployment/shop/web', container: 'gpu', reason: 'the GPU container' });
    const outcome = applyAcceptances(findings, [broad, narrow], ON_THE_DAY);
    const byContainer = Object.fromEntries(outcome.accepted.map((finding) => [finding.container, finding.acceptance.reason]));
    expect(byContainer).toEqual({ app: 'the whole shop', gpu: 'the GPU container' });
    expect(outcome.stale).toEqual([]);
  });
});

describe('expiry: inclusive, in UTC days', () => {
  const web = [acceptance({ object: 'Deployment/shop/web', expires: '2026-06-30' })];

  it('applies on its expiry day, to the last second (UTC)', () => {
    expect(applyAcceptances(findings, web, new Date('2026-06-30T00:00:00Z')).accepted).toHaveLength(2);
    expect(applyAcceptances(findings, web, new Date('2026-06-30T23:59:59.999Z')).accepted).toHaveLength(2);
  });

  it('no longer applies from the next day: the findings count again and say which acceptance expired', () => {
    const outcome = applyAcceptances(findings, web, new Date('2026-07-01T00:00:00Z'));
    expect(outcome.accepted).toEqual([]);
    const marked = outcome.open.filter((finding) => finding.expiredAcceptance !== undefined);
    expect(where(marked)).toEqual(['privileged-container Deployment/shop/web app', 'privileged-container Deployment/shop/web gpu']);
    expect(marked[0].expiredAcceptance?.expires).toBe('2026-06-30');
    expect(outcome.stale).toEqual([]);
  });

  it('an expired acceptance gives way to one still in force', () => {
    const renewed = acceptance({ object: 'Deployment/shop/web', expires: '2026-12-31', reason: 'renewed' });
    const outcome = applyAcceptances(findings, [...web, renewed], new Date('2026-07-01T00:00:00Z'));
    expect(outcome.accepted.map((finding) => finding.acceptance.reason)).toEqual(['renewed', 'renewed']);
  });
});

describe('stale acceptances', () => {
  it('are the ones that select no finding, expired or not', () => {
    const gone = acceptance({ object: 'Deployment/shop/old' });
    const goneAndExpired = acceptance({ namespace: 'legacy', expires: '2020-01-01' });
    const used = acceptance({ object: 'Deployment/ops/agent', expires: '2020-01-01' });
    const outcome = applyAcceptances(findings, [gone, goneAndExpired, used], ON_THE_DAY);
    expect(outcome.stale).toEqual([gone, goneAndExpired]);
  });
});
