import { apiServerOf, flagList } from '../../boundaries/api-server.js';
import { defineRule } from '../define-rule.js';

/**
 * Flags that switch off what the API server's security rests on. Each is a setting written on purpose: kubeadm and
 * the managed offerings set none of them. Recommendations that kubeadm clusters all miss by default (anonymous auth
 * for health checks, --profiling) are left to a CIS benchmark tool.
 */
export default defineRule({
  id: 'api-server-insecure-flags',
  title: 'The API server is started with a flag that disables its security',
  boundary: 'cluster',
  stride: ['spoofing', 'elevation-of-privilege', 'tampering'],
  severity: 'high',
  reportOnPlatform: true,
  references: {
    attack: ['T1078', 'T1190'],
    microsoft: ['Access Kubernetes API server', 'Exposed sensitive interfaces'],
    cis: ['1.2.2', '1.2.7', '1.2.8', '1.2.11', '1.2.19'],
    peers: ['kubescape:C-0005', 'checkov:CKV_K8S_70', 'checkov:CKV_K8S_74', 'checkov:CKV_K8S_79', 'checkov:CKV_K8S_88'],
    links: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
  },
  rationale:
    'The API server is the cluster: who may do what is decided there, by authentication, authorization and admission. AlwaysAllow authorizes every request of anyone authenticated, RBAC notwithstanding; an insecure port answers without any authentication at all; AlwaysAdmit accepts every object; static token files hold bearer tokens that cannot expire or be revoked without a restart; and with PodSecurity disabled the namespaces\' pod-security labels enforce nothing.',
  remediation:
    'Remove the flag from the kube-apiserver static pod manifest: --authorization-mode=Node,RBAC; no --insecure-port (or 0); no AlwaysAdmit in --enable-admission-plugins; no --token-auth-file (use OIDC or client certificates); PodSecurity out of --disable-admission-plugins.',
  messages: {
    alwaysAllow: 'kube-apiserver authorizes every authenticated request: --authorization-mode includes AlwaysAllow ({{value}}), so RBAC restricts nothing.',
    insecurePort: 'kube-apiserver serves an unauthenticated, unencrypted port: --insecure-port={{value}}.',
    alwaysAdmit: 'kube-apiserver admits every object: --enable-admission-plugins includes AlwaysAdmit ({{value}}).',
    tokenFile: 'kube-apiserver accepts the static bearer tokens of --token-auth-file={{value}}: they never expire and cannot be revoked without a restart.',
    podSecurityDisabled: "kube-apiserver runs without Pod Security Admission: --disable-admission-plugins includes PodSecurity ({{value}}), so no namespace's pod-security labels are enforced.",
  },
  check({ estate, report }) {
    const apiServer = apiServerOf(estate);
    if (apiServer === undefined) return;
    const at = (flag: string) => ({ object: apiServer.object, container: apiServer.container, path: apiServer.flagPath(flag) });
    const authorization = apiServer.flag('--authorization-mode');
    if (flagList(authorization).includes('AlwaysAllow')) report({ messageId: 'alwaysAllow', data: { value: authorization! }, severity: 'critical', ...at('--authorization-mode') });
    const insecurePort = apiServer.flag('--insecure-port');
    if (insecurePort !== undefined && insecurePort !== '' && insecurePort !== '0') report({ messageId: 'insecurePort', data: { value: insecurePort }, severity: 'critical', ...at('--insecure-port') });
    const enabled = apiServer.flag('--enable-admission-plugins');
    if (flagList(enabled).includes('AlwaysAdmit')) report({ messageId: 'alwaysAdmit', data: { value: enabled! }, ...at('--enable-admission-plugins') });
    const tokenFile = apiServer.flag('--token-auth-file');
    if (tokenFile !== undefined) report({ messageId: 'tokenFile', data: { value: tokenFile }, ...at('--token-auth-file') });
    const disabled = apiServer.flag('--disable-admission-plugins');
    if (flagList(disabled).includes('PodSecurity')) report({ messageId: 'podSecurityDisabled', data: { value: disabled! }, ...at('--disable-admission-plugins') });
  },
});
