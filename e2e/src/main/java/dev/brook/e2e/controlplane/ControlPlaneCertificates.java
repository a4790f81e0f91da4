package dev.brook.e2e.controlplane;

import io.fabric8.kubeapitest.cert.CertManager;
import java.nio.file.Path;

/**
 * Keys and certificates generated for one control plane, with kube-api-test's generator.
 *
 * <ul>
 *   <li>{@code apiserver.crt/key}: self-signed serving certificate for 127.0.0.1 and the {@code
 *       kubernetes.default.svc} names; clients trust it directly, and the controller-manager
 *       publishes it as the cluster root CA.
 *   <li>{@code client.crt/key}: self-signed admin client certificate in group {@code
 *       system:masters}; the API server trusts it as its client CA.
 *   <li>{@code service-account.key}: signs and verifies service-account tokens (its own key, not
 *       the serving key).
 * </ul>
 */
public record ControlPlaneCertificates(Path directory) {

  public static ControlPlaneCertificates generate(Path directory) {
    new CertManager(directory.toString()).createCertificatesIfNeeded();
    ControlPlaneCertificates certificates = new ControlPlaneCertificates(directory);
    CertManager.generateKeyAndCertificate(
        "CN=brook-service-accounts",
        certificates.serviceAccountKey().toFile(),
        directory.resolve("service-account.crt").toFile());
    return certificates;
  }

  public Path servingCertificate() {
    return directory.resolve(CertManager.API_SERVER_CERT_NAME);
  }

  public Path servingKey() {
    return directory.resolve(CertManager.API_SERVER_KEY_NAME);
  }

  public Path adminCertificate() {
    return directory.resolve(CertManager.CLIENT_CERT_NAME);
  }

  public Path adminKey() {
    return directory.resolve(CertManager.CLIENT_KEY_NAME);
  }

  public Path serviceAccountKey() {
    return directory.resolve("service-account.key");
  }
}
