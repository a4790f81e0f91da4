package dev.brook.e2e.nodeagent;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dynamic provisioner for the default StorageClass {@value #STORAGE_CLASS}: for every claim of
 * that class it creates a {@code hostPath} PersistentVolume on a local directory, pre-bound to the
 * claim through {@code claimRef}; the controller-manager's PV binder completes the binding. The
 * directory outlives pods, so data survives pod restarts; it is deleted with the volume once its
 * claim is gone (reclaim policy Delete). Volumes have no node affinity: every simulated node sees
 * the same file system.
 */
public final class LocalVolumeProvisioner implements AutoCloseable {

  public static final String STORAGE_CLASS = "brook-local";
  static final String PROVISIONER = "brook.dev/local-directory";
  private static final Logger LOG = LoggerFactory.getLogger(LocalVolumeProvisioner.class);

  private final KubernetesClient client;
  private final Path volumesDirectory;
  private SharedIndexInformer<PersistentVolumeClaim> claims;
  private SharedIndexInformer<PersistentVolume> volumes;

  LocalVolumeProvisioner(KubernetesClient client, Path volumesDirectory) {
    this.client = client;
    this.volumesDirectory = volumesDirectory;
  }

  void start() {
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName(STORAGE_CLASS)
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata()
                .withProvisioner(PROVISIONER)
                .withReclaimPolicy("Delete")
                .withVolumeBindingMode("Immediate")
                .build())
        .fieldManager("brook-node-agent")
        .forceConflicts()
        .serverSideApply();
    claims =
        client.persistentVolumeClaims().inAnyNamespace().inform(handler(this::provisionIfNeeded));
    volumes = client.persistentVolumes().inform(handler(this::reclaimIfReleased));
  }

  private static <T> ResourceEventHandler<T> handler(Consumer<T> action) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T resource) {
        action.accept(resource);
      }

      @Override
      public void onUpdate(T oldResource, T newResource) {
        action.accept(newResource);
      }

      @Override
      public void onDelete(T resource, boolean deletedFinalStateUnknown) {}
    };
  }

  private void provisionIfNeeded(PersistentVolumeClaim claim) {
    var spec = claim.getSpec();
    boolean ours = STORAGE_CLASS.equals(spec.getStorageClassName());
    boolean unbound = spec.getVolumeName() == null || spec.getVolumeName().isEmpty();
    if (!ours || !unbound || claim.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String volumeName = "pvc-" + claim.getMetadata().getUid();
    if (client.persistentVolumes().withName(volumeName).get() != null) {
      return;
    }
    Path directory =
        PodVolumes.createDirectories(
            volumesDirectory.resolve(
                claim.getMetadata().getNamespace()
                    + "_"
                    + claim.getMetadata().getName()
                    + "_"
                    + claim.getMetadata().getUid()));
    Quantity size =
        spec.getResources() == null || spec.getResources().getRequests() == null
            ? new Quantity("1Gi")
            : spec.getResources().getRequests().getOrDefault("storage", new Quantity("1Gi"));
    PersistentVolume volume =
        new PersistentVolumeBuilder()
            .withNewMetadata()
            .withName(volumeName)
            .addToAnnotations("pv.kubernetes.io/provisioned-by", PROVISIONER)
            .endMetadata()
            .withNewSpec()
            .withCapacity(Map.of("storage", size))
            .withAccessModes(spec.getAccessModes())
            .withStorageClassName(STORAGE_CLASS)
            .withPersistentVolumeReclaimPolicy("Delete")
            .withVolumeMode(spec.getVolumeMode())
            .withNewHostPath()
            .withPath(directory.toString())
            .withType("DirectoryOrCreate")
            .endHostPath()
            .withNewClaimRef()
            .withNamespace(claim.getMetadata().getNamespace())
            .withName(claim.getMetadata().getName())
            .withUid(claim.getMetadata().getUid())
            .endClaimRef()
            .endSpec()
            .build();
    try {
      client.persistentVolumes().resource(volume).create();
      LOG.info(
          "Provisioned {} for claim {} in {}",
          volumeName,
          claim.getMetadata().getName(),
          directory);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        LOG.warn("Cannot provision a volume for claim {}", claim.getMetadata().getName(), e);
      }
    }
  }

  private void reclaimIfReleased(PersistentVolume volume) {
    Map<String, String> annotations = volume.getMetadata().getAnnotations();
    boolean ours =
        annotations != null
            && PROVISIONER.equals(annotations.get("pv.kubernetes.io/provisioned-by"));
    boolean released =
        volume.getStatus() != null && "Released".equals(volume.getStatus().getPhase());
    if (!ours || !released || volume.getSpec().getHostPath() == null) {
      return;
    }
    deleteRecursively(Path.of(volume.getSpec().getHostPath().getPath()));
    client.persistentVolumes().withName(volume.getMetadata().getName()).delete();
    LOG.info("Deleted released volume {}", volume.getMetadata().getName());
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  @Override
  public void close() {
    if (claims != null) {
      claims.close();
    }
    if (volumes != null) {
      volumes.close();
    }
  }
}
