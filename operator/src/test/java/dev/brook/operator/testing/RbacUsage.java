package dev.brook.operator.testing;

import dev.brook.e2e.controlplane.AuditLog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the install bundle's ClusterRole and Roles grant, against what the operator's account asked
 * the API server for (its audit log): least privilege means the two sets are equal.
 */
public final class RbacUsage {

  /** One verb on one resource of one API group ({@code ""}: core), as RBAC rules name them. */
  public record Grant(String apiGroup, String resource, String verb) implements Comparable<Grant> {

    @Override
    public int compareTo(Grant other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return (apiGroup.isEmpty() ? "core" : apiGroup) + " " + resource + " " + verb;
    }
  }

  /**
   * Granted for paths that the end-to-end run need not take (or that are no request of their own),
   * each with why; any other grant it leaves unused fails it.
   *
   * <ul>
   *   <li>{@code clusters/finalizers update}: not a request of its own; the
   *       OwnerReferencesPermissionEnforcement admission plugin checks it when the operator sets
   *       {@code blockOwnerDeletion} on the objects it creates for a Cluster (the local API server
   *       enables that plugin, so a missing grant fails those creations).
   *   <li>{@code leases update}: fabric8's LeaderElector renews with patch, but java-operator-sdk
   *       checks its rules at start (a SelfSubjectRulesReview) and refuses to start without it.
   *   <li>{@code events get, patch}: an Event that repeats is read and its count patched; the run
   *       writes each Event once.
   *   <li>{@code pods delete}: rolling a broker, removing a drained one, replacing one that can
   *       never run again; the run changes nothing that needs it ({@code ClusterConfigChangesIT},
   *       {@code ClusterElasticityIT} and the node-loss tests take those paths, with admin
   *       credentials).
   *   <li>{@code configmaps update}: the broker config replaced when it changes; the run's first
   *       reconciles replace it in some runs and not in others.
   *   <li>{@code persistentvolumeclaims delete}, {@code persistentvolumes get}: a claim deleted on
   *       scale-down with {@code deleteClaim}, or when its local volume died with its node.
   * </ul>
   */
  public static final Set<Grant> MAY_GO_UNUSED =
      Set.of(
          new Grant("brook.dev", "clusters/finalizers", "update"),
          new Grant("coordination.k8s.io", "leases", "update"),
          new Grant("", "events", "get"),
          new Grant("", "events", "patch"),
          new Grant("", "pods", "delete"),
          new Grant("", "configmaps", "update"),
          new Grant("", "persistentvolumeclaims", "delete"),
          new Grant("", "persistentvolumes", "get"));

  /**
   * What every authenticated user may do ({@code system:basic-user}): review its own access.
   * java-operator-sdk asks which rules it holds when it starts.
   */
  public static final Set<Grant> EVERY_USER_MAY =
      Set.of(
          new Grant("authorization.k8s.io", "selfsubjectrulesreviews", "create"),
          new Grant("authorization.k8s.io", "selfsubjectaccessreviews", "create"),
          new Grant("authentication.k8s.io", "selfsubjectreviews", "create"));

  private final Set<Grant> granted;
  private final Set<Grant> used;
  private final List<AuditLog.Request> refused;

  private RbacUsage(Set<Grant> granted, Set<Grant> used, List<AuditLog.Request> refused) {
    this.granted = granted;
    this.used = used;
    this.refused = refused;
  }

  /** The grants of the ClusterRoles and Roles among {@code installed}, and the requests made. */
  public static RbacUsage of(List<HasMetadata> installed, List<AuditLog.Request> requests) {
    Set<Grant> granted = new TreeSet<>();
    for (HasMetadata object : installed) {
      if (object instanceof ClusterRole role) {
        role.getRules().forEach(rule -> expand(rule, granted));
      } else if (object instanceof Role role) {
        role.getRules().forEach(rule -> expand(rule, granted));
      }
    }
    Set<Grant> used = new TreeSet<>();
    for (AuditLog.Request request : requests) {
      if (request.code() == 403) {
        continue;
      }
      used.add(new Grant(request.apiGroup(), request.rbacResource(), request.verb()));
      if (request.verb().equals("patch") && request.code() == 201) {
        // A server-side apply that creates the object is authorized as create too.
        used.add(new Grant(request.apiGroup(), request.rbacResource(), "create"));
      }
    }
    List<AuditLog.Request> refused =
        requests.stream().filter(request -> request.code() == 403).toList();
    return new RbacUsage(granted, used, refused);
  }

  private static void expand(PolicyRule rule, Set<Grant> into) {
    for (String group : rule.getApiGroups()) {
      for (String resource : rule.getResources()) {
        for (String verb : rule.getVerbs()) {
          into.add(new Grant(group, resource, verb));
        }
      }
    }
  }

  public Set<Grant> granted() {
    return granted;
  }

  public List<AuditLog.Request> refused() {
    return refused;
  }

  public Set<Grant> usedButNotGranted() {
    Set<Grant> missing = new TreeSet<>(used);
    missing.removeAll(granted);
    missing.removeAll(EVERY_USER_MAY);
    return missing;
  }

  public Set<Grant> grantedButNotUsed() {
    Set<Grant> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    return unused;
  }
}
