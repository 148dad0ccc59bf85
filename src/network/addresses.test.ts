import { describe, expect, it } from 'vitest';
import { addressSetOfCidrs, containsAddress, coversAddresses, parseCidr, parseIp, subtractAddresses } from './addresses.js';
import { cloudMetadataAddresses, internetAddresses } from './well-known-addresses.js';

const ip = (text: string) => {
  const parsed = parseIp(text);
  if (parsed === undefined) throw new Error(text);
  return parsed;
};

describe('addresses', () => {
  it.each([
    ['10.0.0.1', true],
    ['255.255.255.255', true],
    ['256.0.0.1', false],
    ['010.0.0.1', false],
    ['1.2.3', false],
    ['::', true],
    ['::1', true],
    ['2001:db8::1', true],
    ['fe80::1:2:3:4:5:6', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    ['::ffff:10.0.0.1', true],
    ['12345::', false],
    ['fe80::1%eth0', false],
  ])('parseIp(%s) is valid: %s', (text, valid) => {
    expect(parseIp(text) !== undefined).toBe(valid);
  });

  it('parses IPv6 with compression to the right value', () => {
    expect(ip('2001:db8::1').value).toBe(0x20010db8000000000000000000000001n);
    expect(ip('::ffff:10.0.0.1').value).toBe(0xffff0a000001n);
  });

  it('CIDR blocks clear host bits and know their range', () => {
    expect(parseCidr('10.1.2.3/8')).toMatchObject({ family: 4, start: ip('10.0.0.0').value, end: ip('10.255.255.255').value });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ start: 0n, end: 0xffffffffn });
    expect(parseCidr('fd00::/8')).toMatchObject({ family: 6, prefixLength: 8 });
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0')).toBeUndefined();
  });

  it('except carves holes out of a block', () => {
    const allowed = subtractAddresses(addressSetOfCidrs(['10.0.0.0/8']), addressSetOfCidrs(['10.1.0.0/16', '10.2.0.0/16']));
    expect(containsAddress(allowed, ip('10.0.255.255'))).toBe(true);
    expect(containsAddress(allowed, ip('10.1.0.0'))).toBe(false);
    expect(containsAddress(allowed, ip('10.2.255.255'))).toBe(false);
    expect(containsAddress(allowed, ip('10.3.0.0'))).toBe(true);
    expect(containsAddress(allowed, ip('11.0.0.0'))).toBe(false);
    expect(coversAddresses(addressSetOfCidrs(['10.0.0.0/8']), allowed)).toBe(true);
  });

  it('families never mix', () => {
    const v4 = addressSetOfCidrs(['0.0.0.0/0']);
    expect(containsAddress(v4, ip('::1'))).toBe(false);
    expect(containsAddress(addressSetOfCidrs(['::/0']), ip('1.1.1.1'))).toBe(false);
  });

  it('the internet excludes private, link-local and documentation ranges', () => {
    expect(containsAddress(internetAddresses, ip('8.8.8.8'))).toBe(true);
    expect(containsAddress(internetAddresses, ip('2606:4700::1111'))).toBe(true);
    for (const inside of ['10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', 'fd00::1', 'fe80::1', '2001:db8::1'])
      expect(containsAddress(internetAddresses, ip(inside)), inside).toBe(false);
    expect(containsAddress(cloudMetadataAddresses, ip('169.254.169.254'))).toBe(true);
  });
});
