package dev.brook.operator.election;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election, so that two operator replicas can run: only the holder of the Lease {@code
 * brook.leader-election.lease-name} in the operator's own namespace reconciles; the others wait and
 * take over within the lease duration (15 s) once it stops renewing. The extension asks for this
 * bean in the prod profile only ({@code quarkus.operator-sdk.activate-leader-election-for-
 * profiles}), so tests that run the reconcilers in-process never elect.
 *
 * <p>Without a lease namespace ({@code POD_NAMESPACE}, which the Deployment sets from the downward
 * API) there is none: an operator started by hand outside a pod ({@code make dev}) runs alone, as
 * it did before. The identity is the pod name ({@code POD_NAME}), else java-operator-sdk's default
 * ({@code HOSTNAME}, else a random one).
 */
@Singleton
public class LeaderElectionProducer {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderElectionProducer.class);

  @Produces
  @Dependent
  @Unremovable
  LeaderElectionConfiguration leaderElection(
      @ConfigProperty(name = "brook.leader-election.lease-name") String leaseName,
      @ConfigProperty(name = "brook.leader-election.lease-namespace") Optional<String> namespace,
      @ConfigProperty(name = "brook.leader-election.identity") Optional<String> identity) {
    if (namespace.filter(n -> !n.isBlank()).isEmpty()) {
      LOG.info("Leader election off: POD_NAMESPACE is not set, so this operator runs alone");
      return null;
    }
    LeaderElectionConfigurationBuilder builder =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
            .withLeaseNamespace(namespace.get());
    identity.filter(i -> !i.isBlank()).ifPresent(builder::withIdentity);
    LOG.info(
        "Leader election on: Lease {}/{} as {}",
        namespace.get(),
        leaseName,
        identity.orElse("(HOSTNAME)"));
    return builder.build();
  }
}
