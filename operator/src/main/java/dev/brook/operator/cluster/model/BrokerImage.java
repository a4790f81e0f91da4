package dev.brook.operator.cluster.model;

import dev.brook.operator.api.ClusterSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The image a Cluster's broker and controller pods run: {@code spec.image} when set, else the
 * broker image of the operator's own version, so an operator upgrade rolls the brokers onto the
 * matching broker (as Strimzi's {@code STRIMZI_KAFKA_IMAGES} does). The Deployment names it in
 * {@value #ENV}; without it, {@code brook-broker:<operator version>}. Never {@code latest}.
 */
public final class BrokerImage {

  public static final String ENV = "BROOK_BROKER_IMAGE";
  private static final String DEFAULT = defaultImage(System.getenv(ENV));

  private BrokerImage() {}

  public static String of(ClusterSpec spec) {
    String image = spec.getImage();
    return image == null || image.isBlank() ? DEFAULT : image;
  }

  static String defaultImage(String configured) {
    return Optional.ofNullable(configured)
        .filter(image -> !image.isBlank())
        .orElse("brook-broker:" + operatorVersion());
  }

  /** The version the operator was built as ({@code brook-operator.properties}). */
  public static String operatorVersion() {
    Properties properties = new Properties();
    try (InputStream in = BrokerImage.class.getResourceAsStream("/brook-operator.properties")) {
      if (in == null) {
        throw new IllegalStateException("brook-operator.properties is missing from the build");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
