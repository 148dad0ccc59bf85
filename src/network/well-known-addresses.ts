/** Address ranges with a meaning for reachability: the internet, the cloud metadata endpoint, node addresses. */
import { addressSetOfCidrs, subtractAddresses, type AddressSet } from './addresses.js';

/** Instance metadata of AWS, GCP, Azure and most other clouds: reaching it often yields node credentials. */
export const CLOUD_METADATA_IP = '169.254.169.254';
export const cloudMetadataAddresses: AddressSet = addressSetOfCidrs([`${CLOUD_METADATA_IP}/32`]);

/**
 * Public internet addresses: IPv4 minus the special-purpose ranges of RFC 6890 (private, shared, loopback,
 * link-local, documentation, benchmarking, multicast, reserved); IPv6 global unicast (2000::/3) minus documentation.
 */
export const internetAddresses: AddressSet = subtractAddresses(
  addressSetOfCidrs(['0.0.0.0/0', '2000::/3']),
  addressSetOfCidrs([
    '0.0.0.0/8',
    '10.0.0.0/8',
    '100.64.0.0/10',
    '127.0.0.0/8',
    '169.254.0.0/16',
    '172.16.0.0/12',
    '192.0.0.0/24',
    '192.0.2.0/24',
    '192.168.0.0/16',
    '198.18.0.0/15',
    '198.51.100.0/24',
    '203.0.113.0/24',
    '224.0.0.0/4',
    '240.0.0.0/4',
    '2001:db8::/32',
  ]),
);

/**
 * Where node IPs usually live (private and shared ranges, IPv6 unique-local). Node IPs are not in the manifests;
 * traffic from a hostNetwork pod carries its node's IP, so an ipBlock that overlaps these ranges may admit it.
 */
export const nodeAddresses: AddressSet = addressSetOfCidrs([
  '10.0.0.0/8',
  '100.64.0.0/10',
  '172.16.0.0/12',
  '192.168.0.0/16',
  'fc00::/7',
]);
