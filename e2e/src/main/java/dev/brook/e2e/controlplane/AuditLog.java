package dev.brook.e2e.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The API server's audit log, kept for the requests of ServiceAccounts outside {@code kube-system}
 * (the controller-manager's own accounts are left out): what an operator running under its account
 * really asked for, to hold its RBAC against. One JSON event per line, at metadata level.
 */
public final class AuditLog {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLICY =
      """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: ["RequestReceived"]
      rules:
        - level: None
          userGroups: ["system:serviceaccounts:kube-system"]
        - level: Metadata
          userGroups: ["system:serviceaccounts"]
        - level: None
      """;

  /**
   * One request: who, which verb on which resource, and the status code answered.
   *
   * @param apiGroup empty for the core group
   * @param subresource empty for the resource itself
   * @param namespace empty for cluster-scoped requests
   */
  public record Request(
      String username,
      String verb,
      String apiGroup,
      String resource,
      String subresource,
      String namespace,
      int code) {

    /** {@code resource} or {@code resource/subresource}, as RBAC rules name them. */
    public String rbacResource() {
      return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
  }

  private final Path file;

  AuditLog(Path file) {
    this.file = file;
  }

  static Path writePolicy(Path workDirectory) {
    Path policy = workDirectory.resolve("audit-policy.yaml");
    try {
      Files.writeString(policy, POLICY);
      return policy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + policy, e);
    }
  }

  public Path file() {
    return file;
  }

  /** Every resource request {@code username} made so far, once each (by audit id). */
  public List<Request> requestsBy(String username) {
    List<Request> requests = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (!Files.exists(file)) {
      return requests;
    }
    try (var lines = Files.lines(file)) {
      for (String line : lines.toList()) {
        JsonNode event = JSON.readTree(line);
        JsonNode objectRef = event.path("objectRef");
        if (!username.equals(event.path("user").path("username").asText())
            || objectRef.isMissingNode()
            || !seen.add(event.path("auditID").asText())) {
          continue;
        }
        requests.add(
            new Request(
                username,
                event.path("verb").asText(),
                objectRef.path("apiGroup").asText(""),
                objectRef.path("resource").asText(""),
                objectRef.path("subresource").asText(""),
                objectRef.path("namespace").asText(""),
                event.path("responseStatus").path("code").asInt(0)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
    return requests;
  }
}
