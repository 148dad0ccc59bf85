/**
 * A certificate authority made for one test run, with the OpenSSL on the machine: a server certificate for 127.0.0.1
 * (subjectAltName IP, as clients verify IP addresses) and a client certificate, both signed by the CA. EC P-256
 * keys: quick to make, and accepted by Node.js and by kubectl's Go TLS alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TlsMaterial {
  dir: string;
  caFile: string;
  ca: string;
  serverKey: string;
  serverCert: string;
  clientKeyFile: string;
  clientCertFile: string;
  /** The client certificate's subject common name: the user name a real API server would see. */
  clientUser: string;
}

const CURVE = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makeTls(): TlsMaterial {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-tls-'));
  const file = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  openssl('req', '-x509', ...CURVE, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=kubethreat-test-ca', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const sign = (name: string, subject: string, extensions: string): void => {
    openssl('req', ...CURVE, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    writeFileSync(file(`${name}.ext`), extensions);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`);
  };
  sign('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  const clientUser = 'kubethreat-test-user';
  sign('client', `/CN=${clientUser}/O=kubethreat-testers`, 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n');
  return {
    dir,
    caFile: file('ca.crt'),
    ca: readFileSync(file('ca.crt'), 'utf8'),
    serverKey: readFileSync(file('server.key'), 'utf8'),
    serverCert: readFileSync(file('server.crt'), 'utf8'),
    clientKeyFile: file('client.key'),
    clientCertFile: file('client.crt'),
    clientUser,
  };
}
