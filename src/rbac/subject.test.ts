import { describe, expect, it } from 'vitest';
import { formatSubject, identityKeys, impliedGroups, parseSubject } from './subject.js';

describe('parseSubject', () => {
  it('reads the three forms and prints them back', () => {
    for (const text of ['system:serviceaccount:shop:api', 'user:alice', 'group:devs']) {
      const subject = parseSubject(text);
      expect(subject).toBeDefined();
      expect(formatSubject(subject!)).toBe(text);
    }
    expect(parseSubject('system:serviceaccount:shop:api')).toEqual({ kind: 'ServiceAccount', namespace: 'shop', name: 'api' });
  });

  it('a user named like a service account is that service account', () => {
    expect(parseSubject('user:system:serviceaccount:shop:api')).toEqual({ kind: 'ServiceAccount', namespace: 'shop', name: 'api' });
  });

  it('rejects what the API server would not accept as a name', () => {
    expect(parseSubject('alice')).toBeUndefined();
    expect(parseSubject('user:')).toBeUndefined();
    expect(parseSubject('system:serviceaccount:shop')).toBeUndefined();
    expect(parseSubject('system:serviceaccount:shop:api:extra')).toBeUndefined();
    // The group of a namespace's service accounts is a group, not a service account.
    expect(parseSubject('system:serviceaccounts:shop')).toBeUndefined();
    expect(parseSubject('group:system:serviceaccounts:shop')).toEqual({ kind: 'Group', name: 'system:serviceaccounts:shop' });
  });
});

describe('implied groups', () => {
  it('a service account is in the service-account groups and authenticated', () => {
    expect(impliedGroups(parseSubject('system:serviceaccount:shop:api')!)).toEqual([
      'system:serviceaccounts',
      'system:serviceaccounts:shop',
      'system:authenticated',
    ]);
  });

  it('anonymous is unauthenticated, not authenticated', () => {
    expect(impliedGroups(parseSubject('user:system:anonymous')!)).toEqual(['system:unauthenticated']);
    expect(impliedGroups(parseSubject('user:alice')!)).toEqual(['system:authenticated']);
  });

  it('a group implies the groups all its members are in', () => {
    expect(impliedGroups(parseSubject('group:devs')!)).toEqual(['system:authenticated']);
    expect(impliedGroups(parseSubject('group:system:serviceaccounts:shop')!)).toEqual(['system:serviceaccounts', 'system:authenticated']);
    expect(impliedGroups(parseSubject('group:system:unauthenticated')!)).toEqual([]);
  });

  it('identity keys start with the subject itself', () => {
    expect(identityKeys(parseSubject('user:alice')!)).toEqual(['user:alice', 'group:system:authenticated']);
  });
});
