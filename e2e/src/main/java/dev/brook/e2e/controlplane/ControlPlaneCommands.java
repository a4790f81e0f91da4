package dev.brook.e2e.controlplane;

import java.nio.file.Path;
import java.util.List;

/**
 * Command lines of the four components. Every listener binds 127.0.0.1 only.
 *
 * <p>The scheduler and the controller-manager authenticate with the admin kubeconfig; the
 * controller-manager then gives each controller its own service-account credentials, so RBAC is
 * exercised as on a real cluster.
 */
record ControlPlaneCommands(
    ControlPlaneBinaries binaries,
    ControlPlaneCertificates certificates,
    LocalKubernetesOptions options,
    Path workDirectory,
    Path kubeconfig) {

  List<String> etcd(int clientPort, int peerPort) {
    String clientUrl = "http://127.0.0.1:" + clientPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    return List.of(
        binaries.etcd().toString(),
        "--name=local",
        "--data-dir=" + workDirectory.resolve("etcd"),
        "--listen-client-urls=" + clientUrl,
        "--advertise-client-urls=" + clientUrl,
        "--listen-peer-urls=" + peerUrl,
        "--initial-advertise-peer-urls=" + peerUrl,
        "--initial-cluster=local=" + peerUrl,
        // Acceptable for a throw-away test store only: etcd skips fsync on every write.
        "--unsafe-no-fsync=true",
        "--log-level=warn");
  }

  /** Where the API server writes its audit log ({@link AuditLog}). */
  Path auditLog() {
    return workDirectory.resolve("logs/kube-apiserver-audit.log");
  }

  List<String> apiServer(int securePort, int etcdPort, Path auditPolicy) {
    String tolerationSeconds = Long.toString(options.podEvictionToleration().toSeconds());
    return List.of(
        binaries.kubeApiServer().toString(),
        "--etcd-servers=http://127.0.0.1:" + etcdPort,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        // Endpoints may not hold loopback addresses, so the "kubernetes" service gets none; no
        // client here runs inside the cluster network anyway.
        "--endpoint-reconciler-type=none",
        "--secure-port=" + securePort,
        "--cert-dir=" + workDirectory.resolve("apiserver-certs"),
        "--tls-cert-file=" + certificates.servingCertificate(),
        "--tls-private-key-file=" + certificates.servingKey(),
        "--client-ca-file=" + certificates.adminCertificate(),
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + certificates.serviceAccountKey(),
        "--service-account-signing-key-file=" + certificates.serviceAccountKey(),
        "--service-cluster-ip-range=10.96.0.0/16",
        "--authorization-mode=RBAC",
        // As on OpenShift and hardened clusters: setting blockOwnerDeletion on an owner reference
        // needs update on the owner's finalizers, so RBAC that lacks it fails here too.
        "--enable-admission-plugins=OwnerReferencesPermissionEnforcement",
        "--allow-privileged=true",
        "--default-not-ready-toleration-seconds=" + tolerationSeconds,
        "--default-unreachable-toleration-seconds=" + tolerationSeconds,
        "--audit-policy-file=" + auditPolicy,
        "--audit-log-path=" + auditLog(),
        "--audit-log-format=json",
        // One line per request as it completes, written before the response is sent.
        "--audit-log-mode=blocking");
  }

  List<String> scheduler(int securePort) {
    return List.of(
        binaries.kubeScheduler().toString(),
        "--kubeconfig=" + kubeconfig,
        "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig,
        "--leader-elect=false",
        "--bind-address=127.0.0.1",
        "--secure-port=" + securePort);
  }

  List<String> controllerManager(int securePort) {
    return List.of(
        binaries.kubeControllerManager().toString(),
        "--kubeconfig=" + kubeconfig,
        "--leader-elect=false",
        "--bind-address=127.0.0.1",
        "--secure-port=" + securePort,
        "--cert-dir=" + workDirectory.resolve("controller-manager-certs"),
        "--service-account-private-key-file=" + certificates.serviceAccountKey(),
        "--root-ca-file=" + certificates.servingCertificate(),
        "--use-service-account-credentials=true",
        // The default set includes garbagecollector, nodelifecycle, replicaset, deployment,
        // statefulset, persistentvolume-binder, serviceaccount and endpointslice.
        "--controllers=*",
        "--node-monitor-period=1s",
        "--node-monitor-grace-period=" + options.nodeMonitorGracePeriod().toSeconds() + "s");
  }
}
