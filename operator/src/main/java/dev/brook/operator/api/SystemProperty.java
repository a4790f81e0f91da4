package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One {@code -Dname=value} of {@link JvmOptionsSpec}. */
@ValidationRule(
    value = "self.name.matches('^[A-Za-z0-9_.-]+$')",
    message =
        "jvmOptions.javaSystemProperties names are letters, digits, dots, dashes and"
            + " underscores")
@ValidationRule(
    value = "!has(self.value) || !self.value.matches('\\\\s')",
    message = "jvmOptions.javaSystemProperties values must not contain whitespace")
public class SystemProperty {

  @Required
  @Size(max = 128)
  @JsonPropertyDescription("Property name, e.g. java.net.preferIPv4Stack.")
  private String name;

  @Size(max = 256)
  @JsonPropertyDescription("Property value; empty when absent.")
  private String value;

  public SystemProperty() {}

  public SystemProperty(String name, String value) {
    this.name = name;
    this.value = value;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }
}
