package dev.brook.e2e.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the shared local Kubernetes cluster (control plane and six simulated
 * nodes in three zones): {@link SharedCluster}, started on first use and stopped at JVM exit.
 *
 * <p>Test methods, constructors and lifecycle methods may declare parameters of type {@link
 * io.fabric8.kubernetes.client.KubernetesClient}, {@link dev.brook.e2e.nodeagent.NodeAgent} or
 * {@link dev.brook.e2e.controlplane.LocalKubernetes}; non-static fields of those types that are
 * still null are injected too. The client belongs to the test class and is closed after it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalKubernetesExtension.class)
public @interface WithLocalKubernetes {}
