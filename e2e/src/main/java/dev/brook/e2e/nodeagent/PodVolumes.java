package dev.brook.e2e.nodeagent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each pod volume a local directory. A process cannot be given a mount namespace here, so a
 * volume mount is simulated by rewriting the mount path, wherever it starts a path in the
 * container's command, args or env values, to the local directory ({@link Mounts#rewrite}).
 *
 * <ul>
 *   <li>{@code persistentVolumeClaim}: the bound PV's {@code hostPath} (created by {@link
 *       LocalVolumeProvisioner}), so its data survives pod restarts and rescheduling.
 *   <li>{@code emptyDir} and unsupported kinds (e.g. the projected service-account token): a
 *       directory inside the pod's working directory, gone with the pod.
 *   <li>{@code configMap} and {@code secret}: their keys written as files, read once at start.
 *   <li>{@code hostPath}: the path itself.
 * </ul>
 */
final class PodVolumes {

  /** Mount path to local directory for one container, longest mount path first. */
  record Mounts(List<Map.Entry<String, Path>> entries) {

    String rewrite(String value) {
      if (value == null) {
        return null;
      }
      for (Map.Entry<String, Path> mount : entries) {
        value = replacePathPrefix(value, mount.getKey(), mount.getValue().toString());
      }
      return value;
    }

    private static String replacePathPrefix(String value, String mountPath, String local) {
      StringBuilder out = new StringBuilder();
      int from = 0;
      int at;
      while ((at = value.indexOf(mountPath, from)) >= 0) {
        int end = at + mountPath.length();
        boolean startsPath = at == 0 || "=:, \"'".indexOf(value.charAt(at - 1)) >= 0;
        boolean endsSegment = end == value.length() || "/=:, \"'".indexOf(value.charAt(end)) >= 0;
        out.append(value, from, at);
        out.append(startsPath && endsSegment ? local : mountPath);
        from = end;
      }
      return out.append(value.substring(from)).toString();
    }
  }

  private final KubernetesClient client;

  PodVolumes(KubernetesClient client) {
    this.client = client;
  }

  /** Prepares every volume of the pod and returns volume name to local directory. */
  Map<String, Path> prepare(Pod pod, Path podDirectory) {
    Map<String, Path> directories = new LinkedHashMap<>();
    for (Volume volume : pod.getSpec().getVolumes()) {
      directories.put(volume.getName(), prepare(pod, volume, podDirectory));
    }
    return directories;
  }

  static Mounts mountsFor(Container container, Map<String, Path> volumeDirectories) {
    List<Map.Entry<String, Path>> entries =
        container.getVolumeMounts().stream()
            .filter(mount -> volumeDirectories.containsKey(mount.getName()))
            .map(mount -> Map.entry(mount.getMountPath(), localPath(mount, volumeDirectories)))
            .sorted(Comparator.comparing((Map.Entry<String, Path> e) -> -e.getKey().length()))
            .toList();
    return new Mounts(entries);
  }

  private static Path localPath(VolumeMount mount, Map<String, Path> volumeDirectories) {
    Path base = volumeDirectories.get(mount.getName());
    if (mount.getSubPath() == null || mount.getSubPath().isEmpty()) {
      return base;
    }
    return createDirectories(base.resolve(mount.getSubPath()));
  }

  private Path prepare(Pod pod, Volume volume, Path podDirectory) {
    String namespace = pod.getMetadata().getNamespace();
    Path podLocal = podDirectory.resolve("volumes").resolve(volume.getName());
    if (volume.getPersistentVolumeClaim() != null) {
      return claimDirectory(namespace, volume.getPersistentVolumeClaim().getClaimName());
    }
    if (volume.getHostPath() != null) {
      return createDirectories(Path.of(volume.getHostPath().getPath()));
    }
    createDirectories(podLocal);
    if (volume.getConfigMap() != null) {
      ConfigMap configMap =
          client
              .configMaps()
              .inNamespace(namespace)
              .withName(volume.getConfigMap().getName())
              .get();
      Map<String, String> data =
          configMap == null || configMap.getData() == null ? Map.of() : configMap.getData();
      writeKeys(podLocal, data, volume.getConfigMap().getItems(), false);
    } else if (volume.getSecret() != null) {
      Secret secret =
          client
              .secrets()
              .inNamespace(namespace)
              .withName(volume.getSecret().getSecretName())
              .get();
      Map<String, String> data =
          secret == null || secret.getData() == null ? Map.of() : secret.getData();
      writeKeys(podLocal, data, volume.getSecret().getItems(), true);
    }
    return podLocal;
  }

  private Path claimDirectory(String namespace, String claimName) {
    PersistentVolumeClaim claim =
        client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
    String volumeName = claim == null ? null : claim.getSpec().getVolumeName();
    PersistentVolume volume =
        volumeName == null ? null : client.persistentVolumes().withName(volumeName).get();
    if (volume == null || volume.getSpec().getHostPath() == null) {
      throw new ContainerStartException(
          "ContainerCreating", "persistent volume claim " + claimName + " is not bound yet");
    }
    return createDirectories(Path.of(volume.getSpec().getHostPath().getPath()));
  }

  private static void writeKeys(
      Path directory, Map<String, String> data, List<KeyToPath> items, boolean base64) {
    Map<String, String> paths = new LinkedHashMap<>();
    if (items == null || items.isEmpty()) {
      data.keySet().forEach(key -> paths.put(key, key));
    } else {
      items.forEach(item -> paths.put(item.getKey(), item.getPath()));
    }
    paths.forEach(
        (key, relative) -> {
          String value = data.get(key);
          if (value == null) {
            return;
          }
          byte[] bytes =
              base64 ? Base64.getDecoder().decode(value) : value.getBytes(StandardCharsets.UTF_8);
          Path file = directory.resolve(relative);
          try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write volume file " + file, e);
          }
        });
  }

  static Path createDirectories(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }
}
