import { asArray, asRecord, asString } from '../../model/json.js';
import { defineRule } from '../define-rule.js';

/**
 * Load balancers that terminate TLS themselves, configured by annotation: the Ingress then needs no spec.tls.
 * AWS ALB (certificate-arn), GKE (pre-shared or managed certificates, allow-http false), Azure App Gateway (ssl cert).
 */
const TLS_BY_ANNOTATION = [
  'alb.ingress.kubernetes.io/certificate-arn',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'networking.gke.io/managed-certificates',
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate',
  'service.beta.kubernetes.io/aws-load-balancer-ssl-cert',
];

/** A TLS host covers a rule host when equal, or as a one-label wildcard (`*.example.com` covers `a.example.com`). */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const suffix = tlsHost.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
}

export default defineRule({
  id: 'ingress-tls-missing',
  title: 'Ingress serves plain HTTP',
  boundary: 'pod',
  stride: ['information-disclosure', 'tampering', 'spoofing'],
  severity: 'medium',
  references: {
    attack: ['T1557', 'T1040'],
    microsoft: ['Application vulnerability'],
    cwe: ['CWE-319'],
    peers: ['kubescape:C-0263', 'polaris:tlsSettingsMissing'],
  },
  rationale:
    'Without TLS the load balancer serves the application over plain HTTP: passwords, session cookies and API tokens cross the internet in clear text, and anyone on the path can read or change them.',
  remediation:
    'Add spec.tls with the rule\'s hosts and a secretName holding the certificate (cert-manager can issue and renew it), or terminate TLS at the cloud load balancer with its certificate annotation.',
  messages: {
    none: 'Ingress {{ingress}} has no spec.tls: {{hosts}} served over plain HTTP.',
    uncovered: 'Ingress {{ingress}} serves host {{host}} over plain HTTP: no spec.tls entry lists it.',
  },
  check({ estate, report }) {
    for (const ingress of estate.byKind.get('Ingress') ?? []) {
      const annotations = ingress.metadata.annotations;
      if (TLS_BY_ANNOTATION.some((key) => annotations[key] !== undefined) || annotations['kubernetes.io/ingress.allow-http'] === 'false') continue;
      const spec = asRecord(ingress.raw.spec) ?? {};
      const name = `${ingress.metadata.namespace ?? estate.defaultNamespace}/${ingress.metadata.name}`;
      const rules = asArray(spec.rules).map((rule, index) => ({ index, host: asString(asRecord(rule)?.host) }));
      const tls = asArray(spec.tls).map((entry) => asArray(asRecord(entry)?.hosts).filter((host): host is string => typeof host === 'string'));
      if (tls.length === 0) {
        if (rules.length === 0 && spec.defaultBackend === undefined && spec.backend === undefined) continue;
        const hosts = [...new Set(rules.map((rule) => rule.host).filter((host): host is string => host !== undefined))];
        report({ messageId: 'none', data: { ingress: name, hosts: hosts.length > 0 ? `${hosts.join(', ')} ${hosts.length === 1 ? 'is' : 'are'}` : 'every host is' }, object: ingress, path: ['spec', 'tls'] });
        continue;
      }
      // A TLS entry without hosts is the controller's default certificate: it covers every rule.
      if (tls.some((hosts) => hosts.length === 0)) continue;
      for (const rule of rules) {
        if (rule.host === undefined || tls.some((hosts) => hosts.some((tlsHost) => covers(tlsHost, rule.host!)))) continue;
        report({ messageId: 'uncovered', data: { ingress: name, host: rule.host }, object: ingress, path: ['spec', 'rules', rule.index, 'host'] });
      }
    }
  },
});
