import { describe, expect, it } from 'vitest';
import { buildEstate } from '../model/estate.js';
import { parseManifestText } from '../load/parse-text.js';
import { apiServerOf, flagList, podSecurityAdmission } from './api-server.js';

const staticPod = (command: string, args = ''): string => `apiVersion: v1
kind: Pod
metadata: { name: kube-apiserver-cp-1, namespace: kube-system }
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.33.4
      command: [${command}]
${args ? `      args: [${args}]\n` : ''}`;
const estateOf = (text: string) => buildEstate(parseManifestText(text, 'test.yaml').objects);

describe('apiServerOf', () => {
  it('reads flags written as --name=value and as --name value, in command and args', () => {
    const apiServer = apiServerOf(estateOf(staticPod('kube-apiserver, "--authorization-mode=Node,RBAC", --token-auth-file, /etc/tokens.csv, --anonymous-auth', '--profiling=false')))!;
    expect(apiServer.flag('--authorization-mode')).toBe('Node,RBAC');
    expect(apiServer.flag('--token-auth-file')).toBe('/etc/tokens.csv');
    expect(apiServer.flag('--anonymous-auth')).toBe('');
    expect(apiServer.flag('--profiling')).toBe('false');
    expect(apiServer.flag('--authorization')).toBeUndefined(); // a prefix of a flag is not the flag
    expect(apiServer.flagPath('--profiling')).toEqual(['spec', 'containers', 0, 'args', 0]);
    expect(apiServer.flagPath('--token-auth-file')).toEqual(['spec', 'containers', 0, 'command', 2]);
    expect(apiServer.flagPath('--encryption-provider-config')).toEqual(['spec', 'containers', 0, 'command']);
  });

  it('knows nothing of a managed control plane, which shows no static pod', () => {
    const estate = estateOf('apiVersion: v1\nkind: Pod\nmetadata: { name: coredns-1, namespace: kube-system }\nspec:\n  containers: [{ name: coredns, image: coredns:1.11 }]\n');
    expect(apiServerOf(estate)).toBeUndefined();
    expect(podSecurityAdmission(estate, undefined)).toEqual({ enforced: true });
  });

  it('tells when Pod Security Admission is switched off, or the cluster predates it', () => {
    const disabled = podSecurityAdmission(estateOf(staticPod('kube-apiserver, "--disable-admission-plugins=DefaultStorageClass,PodSecurity"')), 'v1.30');
    expect(disabled).toMatchObject({ enforced: false, at: { path: ['spec', 'containers', 0, 'command', 1] } });
    expect(podSecurityAdmission(estateOf(staticPod('kube-apiserver, --disable-admission-plugins=DefaultStorageClass')), 'v1.30')).toEqual({ enforced: true });
    const none = estateOf('apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n');
    expect(podSecurityAdmission(none, 'v1.21.14')).toEqual({ enforced: false, why: 'Kubernetes v1.21.14 runs no Pod Security Admission (it runs by default from v1.23)' });
    expect(podSecurityAdmission(none, 'v1.22.0').enforced).toBe(false);
    expect(podSecurityAdmission(estateOf(staticPod('kube-apiserver, --feature-gates=PodSecurity=true')), 'v1.22.0').enforced).toBe(true);
    expect(podSecurityAdmission(none, 'v1.23.0').enforced).toBe(true);
    expect(flagList(' A, B ,,C')).toEqual(['A', 'B', 'C']);
  });
});
