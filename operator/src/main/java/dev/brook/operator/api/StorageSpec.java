package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** One PersistentVolumeClaim per broker. */
public class StorageSpec {

  @Default("10Gi")
  @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$")
  @JsonPropertyDescription("Requested size, as a Kubernetes quantity.")
  private String size = "10Gi";

  @JsonPropertyDescription("StorageClass of the claims; the cluster default when empty.")
  private String storageClassName;

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }
}
