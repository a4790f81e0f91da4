package dev.brook.operator.cluster.model;

import dev.brook.operator.api.JvmOptionsSpec;
import dev.brook.operator.api.SystemProperty;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spec.jvmOptions} as the two variables the broker's launch reads (the image's start script
 * and the local node agent): {@value #HEAP_OPTS} and {@value #JVM_OPTS}, space-separated options as
 * {@code KAFKA_HEAP_OPTS} and {@code KAFKA_OPTS} are for Kafka. A variable is only set when it has
 * options: pods of a Cluster without jvmOptions keep their hash, and the image's default heap (a
 * quarter of the memory limit, at most 6g; 1g without a limit) applies.
 */
public final class JvmOptionsModel {

  public static final String HEAP_OPTS = "BROOK_HEAP_OPTS";
  public static final String JVM_OPTS = "BROOK_JVM_OPTS";

  private JvmOptionsModel() {}

  static List<EnvVar> env(JvmOptionsSpec options) {
    List<EnvVar> env = new ArrayList<>();
    if (options == null) {
      return env;
    }
    List<String> heap = new ArrayList<>();
    if (options.getXms() != null) {
      heap.add("-Xms" + options.getXms());
    }
    if (options.getXmx() != null) {
      heap.add("-Xmx" + options.getXmx());
    }
    List<String> jvm = new ArrayList<>();
    for (SystemProperty property : options.getJavaSystemProperties()) {
      String value = property.getValue() == null ? "" : property.getValue();
      jvm.add("-D" + property.getName() + "=" + value);
    }
    if (!heap.isEmpty()) {
      env.add(new EnvVar(HEAP_OPTS, String.join(" ", heap), null));
    }
    if (!jvm.isEmpty()) {
      env.add(new EnvVar(JVM_OPTS, String.join(" ", jvm), null));
    }
    return env;
  }
}
