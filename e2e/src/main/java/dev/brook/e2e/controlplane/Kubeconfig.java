package dev.brook.e2e.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;

/** Writes a self-contained admin kubeconfig (certificates embedded) for the local API server. */
final class Kubeconfig {

  private Kubeconfig() {}

  static void write(Path target, String serverUrl, ControlPlaneCertificates certificates) {
    String yaml =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: brook-local",
            "  cluster:",
            "    server: " + serverUrl,
            "    certificate-authority-data: " + base64(certificates.servingCertificate()),
            "users:",
            "- name: brook-admin",
            "  user:",
            "    client-certificate-data: " + base64(certificates.adminCertificate()),
            "    client-key-data: " + base64(certificates.adminKey()),
            "contexts:",
            "- name: brook-local",
            "  context:",
            "    cluster: brook-local",
            "    user: brook-admin",
            "    namespace: default",
            "current-context: brook-local",
            "");
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
      Files.writeString(temporary, yaml);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kubeconfig " + target, e);
    }
  }

  private static String base64(Path file) {
    try {
      return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
