/**
 * Every technique module, by file name. A literal sorted map: registration is explicit, and a test checks it
 * against the folder (one module per technique, named after its id).
 */
import type { EdgeModule } from './define-edge.js';
import admWebhookControl from './edges/adm-webhook-control.js';
import credImds from './edges/cred-imds.js';
import credMountedSecret from './edges/cred-mounted-secret.js';
import credPlaintext from './edges/cred-plaintext.js';
import credSaToken from './edges/cred-sa-token.js';
import credWorkloadIdentity from './edges/cred-workload-identity.js';
import entryCompromisedContainer from './edges/entry-compromised-container.js';
import entryExposedWorkload from './edges/entry-exposed-workload.js';
import entryKubeconfig from './edges/entry-kubeconfig.js';
import escCgroup from './edges/esc-cgroup.js';
import escDac from './edges/esc-dac.js';
import escHostRead from './edges/esc-host-read.js';
import escHostWrite from './edges/esc-host-write.js';
import escModule from './edges/esc-module.js';
import escNsenter from './edges/esc-nsenter.js';
import escPrivMount from './edges/esc-priv-mount.js';
import escProcUnmasked from './edges/esc-proc-unmasked.js';
import escPtrace from './edges/esc-ptrace.js';
import escSock from './edges/esc-sock.js';
import escWinHostprocess from './edges/esc-win-hostprocess.js';
import latPodNetwork from './edges/lat-pod-network.js';
import nodeControlPlane from './edges/node-control-plane.js';
import nodeHostipc from './edges/node-hostipc.js';
import nodeHostnet from './edges/node-hostnet.js';
import nodeHostpidRead from './edges/node-hostpid-read.js';
import nodeToPods from './edges/node-to-pods.js';
import rbacBind from './edges/rbac-bind.js';
import rbacClusterAdmin from './edges/rbac-cluster-admin.js';
import rbacCsr from './edges/rbac-csr.js';
import rbacEscalate from './edges/rbac-escalate.js';
import rbacImpersonate from './edges/rbac-impersonate.js';
import rbacSecretGet from './edges/rbac-secret-get.js';
import rbacSecretList from './edges/rbac-secret-list.js';
import rbacStruct from './edges/rbac-struct.js';
import rbacTokenRequest from './edges/rbac-token-request.js';
import rbacTokenSecretMint from './edges/rbac-token-secret-mint.js';
import wlCreatePod from './edges/wl-create-pod.js';
import wlCreatePodAsSa from './edges/wl-create-pod-as-sa.js';
import wlCreatePodReadSecrets from './edges/wl-create-pod-read-secrets.js';
import wlCreatePrivPod from './edges/wl-create-priv-pod.js';
import wlEphemeral from './edges/wl-ephemeral.js';
import wlNodesProxy from './edges/wl-nodes-proxy.js';
import wlPodAttach from './edges/wl-pod-attach.js';
import wlPodExec from './edges/wl-pod-exec.js';
import wlPodPatch from './edges/wl-pod-patch.js';
import wlUpdateController from './edges/wl-update-controller.js';

export const EDGE_MODULES: Readonly<Record<string, EdgeModule>> = {
  'adm-webhook-control': admWebhookControl,
  'cred-imds': credImds,
  'cred-mounted-secret': credMountedSecret,
  'cred-plaintext': credPlaintext,
  'cred-sa-token': credSaToken,
  'cred-workload-identity': credWorkloadIdentity,
  'entry-compromised-container': entryCompromisedContainer,
  'entry-exposed-workload': entryExposedWorkload,
  'entry-kubeconfig': entryKubeconfig,
  'esc-cgroup': escCgroup,
  'esc-dac': escDac,
  'esc-host-read': escHostRead,
  'esc-host-write': escHostWrite,
  'esc-module': escModule,
  'esc-nsenter': escNsenter,
  'esc-priv-mount': escPrivMount,
  'esc-proc-unmasked': escProcUnmasked,
  'esc-ptrace': escPtrace,
  'esc-sock': escSock,
  'esc-win-hostprocess': escWinHostprocess,
  'lat-pod-network': latPodNetwork,
  'node-control-plane': nodeControlPlane,
  'node-hostipc': nodeHostipc,
  'node-hostnet': nodeHostnet,
  'node-hostpid-read': nodeHostpidRead,
  'node-to-pods': nodeToPods,
  'rbac-bind': rbacBind,
  'rbac-cluster-admin': rbacClusterAdmin,
  'rbac-csr': rbacCsr,
  'rbac-escalate': rbacEscalate,
  'rbac-impersonate': rbacImpersonate,
  'rbac-secret-get': rbacSecretGet,
  'rbac-secret-list': rbacSecretList,
  'rbac-struct': rbacStruct,
  'rbac-token-request': rbacTokenRequest,
  'rbac-token-secret-mint': rbacTokenSecretMint,
  'wl-create-pod': wlCreatePod,
  'wl-create-pod-as-sa': wlCreatePodAsSa,
  'wl-create-pod-read-secrets': wlCreatePodReadSecrets,
  'wl-create-priv-pod': wlCreatePrivPod,
  'wl-ephemeral': wlEphemeral,
  'wl-nodes-proxy': wlNodesProxy,
  'wl-pod-attach': wlPodAttach,
  'wl-pod-exec': wlPodExec,
  'wl-pod-patch': wlPodPatch,
  'wl-update-controller': wlUpdateController,
};

export const EDGE_MODULE_LIST: readonly EdgeModule[] = Object.values(EDGE_MODULES);
