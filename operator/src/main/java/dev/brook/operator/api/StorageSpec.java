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

  @Default("false")
  @JsonPropertyDescription(
      "Whether the claim of a broker removed by a scale-down is deleted with its pod (its data"
          + " has been moved away first); by default it is kept.")
  private boolean deleteClaim;

  public boolean isDeleteClaim() {
    return deleteClaim;
  }

  public void setDeleteClaim(boolean deleteClaim) {
    this.deleteClaim = deleteClaim;
  }

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
