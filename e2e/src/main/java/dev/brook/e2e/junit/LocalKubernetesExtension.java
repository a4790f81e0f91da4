package dev.brook.e2e.junit;

import dev.brook.e2e.controlplane.LocalKubernetes;
import dev.brook.e2e.nodeagent.NodeAgent;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Starts the {@link SharedCluster} (once per JVM) and injects its client, agent and control plane.
 * See {@link WithLocalKubernetes}.
 */
public final class LocalKubernetesExtension
    implements BeforeAllCallback, ParameterResolver, TestInstancePostProcessor {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalKubernetesExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    SharedCluster.get();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return injectable(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return valueFor(parameter.getParameter().getType(), context);
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context)
      throws IllegalAccessException {
    for (Class<?> type = testInstance.getClass();
        type != Object.class;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && injectable(field.getType())) {
          field.setAccessible(true);
          if (field.get(testInstance) == null) {
            field.set(testInstance, valueFor(field.getType(), context));
          }
        }
      }
    }
  }

  private static boolean injectable(Class<?> type) {
    return type == KubernetesClient.class
        || type == NodeAgent.class
        || type == LocalKubernetes.class;
  }

  private static Object valueFor(Class<?> type, ExtensionContext context) {
    SharedCluster cluster = SharedCluster.get();
    if (type == NodeAgent.class) {
      return cluster.agent();
    }
    if (type == LocalKubernetes.class) {
      return cluster.kubernetes();
    }
    ExtensionContext classContext =
        context.getTestClass().isPresent() && context.getTestMethod().isPresent()
            ? context.getParent().orElse(context)
            : context;
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "client",
            key -> new ClosingClient(cluster.kubernetes().newClient()),
            ClosingClient.class)
        .client();
  }

  /** Lets the class-level store close the client when the class finishes. */
  private record ClosingClient(KubernetesClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
