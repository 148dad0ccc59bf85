import { describe, expect, it } from 'vitest';
import { parseAcceptAnnotation } from './annotation.js';

const KNOWN = new Set(['privileged-container', 'host-pid', 'host-network']);

describe('kubethreat.io/accept', () => {
  it('reads rule ids, a reason, an expiry and an owner', () => {
    expect(parseAcceptAnnotation('privileged-container, host-pid ; reads the node for monitoring ; expires=2026-06-30 ; owner=team-sre', KNOWN)).toEqual({
      acceptances: [{ rules: ['privileged-container', 'host-pid'], reason: 'reads the node for monitoring', expires: '2026-06-30', owner: 'team-sre' }],
      errors: [],
    });
  });

  it('takes the key=value fields in any order, and the owner is optional', () => {
    expect(parseAcceptAnnotation('host-pid; node exporter; owner=sre; expires=2026-01-31', KNOWN).acceptances).toEqual([
      { rules: ['host-pid'], reason: 'node exporter', expires: '2026-01-31', owner: 'sre' },
    ]);
    expect(parseAcceptAnnotation('host-pid; node exporter; expires=2026-01-31', KNOWN).acceptances).toEqual([{ rules: ['host-pid'], reason: 'node exporter', expires: '2026-01-31' }]);
  });

  it('reads one acceptance per line', () => {
    const value = 'host-pid; node exporter; expires=2026-01-31\nhost-network; scrapes the node; expires=2026-03-31\n';
    expect(parseAcceptAnnotation(value, KNOWN).acceptances.map((entry) => `${entry.rules.join(',')} ${entry.expires}`)).toEqual(['host-pid 2026-01-31', 'host-network 2026-03-31']);
  });

  it.each([
    ['host-pid; node exporter', 'kubethreat.io/accept: needs at least three fields separated by ";": "RULE-ID[,RULE-ID]; reason; expires=YYYY-MM-DD[; owner=NAME]"'],
    ['host-pid; node exporter; owner=sre', 'kubethreat.io/accept: has no expires=YYYY-MM-DD: every accepted risk is reviewed again by a date'],
    ['host-pid; node exporter; expires=2026-02-30', 'kubethreat.io/accept: expires "2026-02-30" is not a date written YYYY-MM-DD'],
    ['host-pdi; node exporter; expires=2026-01-31', 'kubethreat.io/accept: unknown rule "host-pdi" (did you mean "host-pid"?)'],
    ['; node exporter; expires=2026-01-31', 'kubethreat.io/accept: names no rule before the first ";"'],
    ['host-pid; ; expires=2026-01-31', 'kubethreat.io/accept: gives no reason: say why the risk is accepted, after the rule ids'],
    ['host-pid; expires=2026-01-31; owner=sre', 'kubethreat.io/accept: gives no reason: "expires=2026-01-31" is where the reason goes, after the rule ids'],
    ['host-pid; exporter; it is fine; expires=2026-01-31', 'kubethreat.io/accept: "it is fine" is not key=value (a reason cannot contain ";")'],
    ['host-pid; exporter; expire=2026-01-31', 'kubethreat.io/accept: unknown field "expire" (did you mean "expires"?): only expires and owner'],
    ['host-pid; exporter; expires=2026-01-31; expires=2026-02-01', 'kubethreat.io/accept: gives expires twice'],
    ['', 'kubethreat.io/accept is empty: write "RULE-ID[,RULE-ID]; reason; expires=YYYY-MM-DD[; owner=NAME]"'],
  ])('refuses %j', (value, error) => {
    const parsed = parseAcceptAnnotation(value, KNOWN);
    expect(parsed.acceptances).toEqual([]);
    expect(parsed.errors).toContain(error);
  });

  it('says which line of a multi-line annotation is wrong, and keeps the good lines', () => {
    const parsed = parseAcceptAnnotation('host-pid; node exporter; expires=2026-01-31\nhost-network; scrapes\n', KNOWN);
    expect(parsed.acceptances).toHaveLength(1);
    expect(parsed.errors).toEqual(['kubethreat.io/accept (line 2 of the annotation): needs at least three fields separated by ";": "RULE-ID[,RULE-ID]; reason; expires=YYYY-MM-DD[; owner=NAME]"']);
  });
});
