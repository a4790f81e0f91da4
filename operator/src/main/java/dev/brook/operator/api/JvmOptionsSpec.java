package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM options of the broker containers, shaped like Strimzi's {@code jvmOptions} (without its
 * {@code -XX} map: CEL cannot bound the length of map values, so a rule checking them for spaces
 * exceeds the API server's cost budget). The heap goes to the container as {@code BROOK_HEAP_OPTS},
 * the rest as {@code BROOK_JVM_OPTS}; both are set only when given, so a Cluster without them keeps
 * its pods (and their hash) and the image's default heap rule applies. Values are joined with
 * spaces, hence no value may contain whitespace.
 */
@ValidationRule(
    value = "!has(self.__dash__Xms) || self.__dash__Xms.matches('" + JvmOptionsSpec.SIZE + "')",
    message = "jvmOptions.-Xms must be a size such as 512m or 2g (digits, then k, m or g)")
@ValidationRule(
    value = "!has(self.__dash__Xmx) || self.__dash__Xmx.matches('" + JvmOptionsSpec.SIZE + "')",
    message = "jvmOptions.-Xmx must be a size such as 512m or 2g (digits, then k, m or g)")
@ValidationRule(
    value =
        "!has(self.__dash__Xms) || !has(self.__dash__Xmx)"
            + " || !self.__dash__Xms.matches('"
            + JvmOptionsSpec.SIZE
            + "') || !self.__dash__Xmx.matches('"
            + JvmOptionsSpec.SIZE
            + "') || "
            + JvmOptionsSpec.XMS_BYTES
            + " <= "
            + JvmOptionsSpec.XMX_BYTES,
    message = "jvmOptions.-Xms must not exceed -Xmx: the JVM refuses to start")
public class JvmOptionsSpec {

  /** A heap size the JVM reads: up to 7 digits and an optional unit (no overflow in CEL). */
  static final String SIZE = "^[1-9][0-9]{0,6}[kKmMgG]?$";

  private static final String XMS = "self.__dash__Xms";
  private static final String XMX = "self.__dash__Xmx";
  static final String XMS_BYTES =
      "("
          + XMS
          + ".matches('[0-9]$') ? int("
          + XMS
          + ") : int("
          + XMS
          + ".substring(0, "
          + XMS
          + ".size() - 1)) * ("
          + XMS
          + ".lowerAscii().endsWith('k') ? 1024 : "
          + XMS
          + ".lowerAscii().endsWith('m') ? 1048576 : 1073741824))";
  static final String XMX_BYTES =
      "("
          + XMX
          + ".matches('[0-9]$') ? int("
          + XMX
          + ") : int("
          + XMX
          + ".substring(0, "
          + XMX
          + ".size() - 1)) * ("
          + XMX
          + ".lowerAscii().endsWith('k') ? 1024 : "
          + XMX
          + ".lowerAscii().endsWith('m') ? 1048576 : 1073741824))";

  @JsonProperty("-Xms")
  @Size(max = 8)
  @JsonPropertyDescription("Initial heap, e.g. 2g. Give -Xmx too.")
  private String xms;

  @JsonProperty("-Xmx")
  @Size(max = 8)
  @JsonPropertyDescription(
      "Maximum heap, e.g. 2g. Without -Xms and -Xmx the image's default applies: a quarter of"
          + " the container's memory limit, at most 6g, or 1g without a limit.")
  private String xmx;

  @Size(max = 32)
  @JsonPropertyDescription("Java system properties (-Dname=value).")
  private List<SystemProperty> javaSystemProperties = new ArrayList<>();

  public String getXms() {
    return xms;
  }

  public void setXms(String xms) {
    this.xms = xms;
  }

  public String getXmx() {
    return xmx;
  }

  public void setXmx(String xmx) {
    this.xmx = xmx;
  }

  public List<SystemProperty> getJavaSystemProperties() {
    return javaSystemProperties;
  }

  public void setJavaSystemProperties(List<SystemProperty> javaSystemProperties) {
    this.javaSystemProperties =
        javaSystemProperties == null ? new ArrayList<>() : javaSystemProperties;
  }
}
