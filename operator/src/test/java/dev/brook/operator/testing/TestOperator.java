package dev.brook.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The operator's reconcilers in a plain java-operator-sdk {@link Operator} against the local
 * control plane, watching one fresh namespace; the CRDs come from {@code crds/}, as a user would
 * install them. Quarkus wiring is not involved: what is tested is the reconcilers' behaviour.
 */
public final class TestOperator implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final Operator operator;
  private final String namespace;

  private TestOperator(Operator operator, String namespace) {
    this.operator = operator;
    this.namespace = namespace;
  }

  /** Installs the CRDs, creates namespace {@code prefix-<n>} and starts the given reconcilers. */
  public static TestOperator start(
      KubernetesClient client, String prefix, List<Reconciler<?>> reconcilers) {
    installCrds(client);
    return run(client, newNamespace(client, prefix), reconcilers);
  }

  /** Creates namespace {@code prefix-<n>} and returns its name. */
  public static String newNamespace(KubernetesClient client, String prefix) {
    String namespace = prefix + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    return namespace;
  }

  /**
   * Stops this operator and starts the given (fresh) reconcilers on the same namespace: an operator
   * restart, with nothing kept in memory.
   */
  public TestOperator restart(KubernetesClient client, List<Reconciler<?>> reconcilers) {
    operator.stop();
    return run(client, namespace, reconcilers);
  }

  private static TestOperator run(
      KubernetesClient client, String namespace, List<Reconciler<?>> reconcilers) {
    Operator operator =
        new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    for (Reconciler<?> reconciler : reconcilers) {
      register(operator, reconciler, namespace);
    }
    operator.start();
    return new TestOperator(operator, namespace);
  }

  private static <P extends io.fabric8.kubernetes.api.model.HasMetadata> void register(
      Operator operator, Reconciler<P> reconciler, String namespace) {
    operator.register(reconciler, o -> o.settingNamespace(namespace));
  }

  public String namespace() {
    return namespace;
  }

  /** Applies the CRDs in {@code crds/} and waits until the API server serves them. */
  public static void installCrds(KubernetesClient client) {
    Path dir = Path.of(System.getProperty("brook.crds.dir", "../crds"));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              client.apiextensions().v1().customResourceDefinitions().load(in).item();
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .resource(crd)
              .forceConflicts()
              .serverSideApply();
          await()
              .atMost(TIMEOUT)
              .until(
                  () -> {
                    CustomResourceDefinition current =
                        client
                            .apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName(crd.getMetadata().getName())
                            .get();
                    return current.getStatus() != null
                        && current.getStatus().getConditions().stream()
                            .anyMatch(
                                c ->
                                    "Established".equals(c.getType())
                                        && "True".equals(c.getStatus()));
                  });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRDs in " + dir, e);
    }
  }

  @Override
  public void close() {
    operator.stop();
  }
}
