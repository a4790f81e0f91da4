package dev.brook.e2e.nodeagent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
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
 *   <li>{@code emptyDir} and unsupported kinds: a directory inside the pod's working directory,
 *       gone with the pod, writable by every user.
 *   <li>{@code configMap} and {@code secret}: their keys written as files, read once at start.
 *   <li>{@code projected}: its {@code serviceAccountToken} (bound to the pod, refreshed by {@link
 *       ServiceAccountTokens}), {@code configMap}, {@code secret} and {@code downwardAPI} sources
 *       in one directory: the ServiceAccount admission adds one to every pod, from which in-cluster
 *       clients read their token, CA and namespace.
 *   <li>{@code hostPath}: the path itself.
 * </ul>
 *
 * A missing ConfigMap or Secret that is not optional fails the preparation: the pod waits and
 * retries. Writable volumes get the pod's {@code fsGroup} ({@link VolumeFiles#applyFsGroup}) and
 * files their {@code defaultMode} (0644 unless set), so that a container running as its image's
 * non-root user can use them.
 */
final class PodVolumes {

  /** One volume mount of a container: the local path, where it appears, and whether read-only. */
  record BindMount(Path source, String target, boolean readOnly) {}

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

  private static final int DEFAULT_FILE_MODE = 0644;

  private final KubernetesClient client;
  private final ServiceAccountTokens tokens;

  PodVolumes(KubernetesClient client, ServiceAccountTokens tokens) {
    this.client = client;
    this.tokens = tokens;
  }

  /** Prepares every volume of the pod and returns volume name to local directory. */
  Map<String, Path> prepare(Pod pod, Path podDirectory) {
    Map<String, Path> directories = new LinkedHashMap<>();
    for (Volume volume : pod.getSpec().getVolumes()) {
      directories.put(volume.getName(), prepare(pod, volume, podDirectory));
    }
    return directories;
  }

  /** Stops what keeps the pod's volumes fresh (token refreshes). */
  void release(Pod pod) {
    tokens.release(pod.getMetadata().getUid());
  }

  static Mounts mountsFor(Container container, Map<String, Path> volumeDirectories) {
    List<Map.Entry<String, Path>> entries =
        bindMounts(container, volumeDirectories).stream()
            .map(mount -> Map.entry(mount.target(), mount.source()))
            .sorted(Comparator.comparing((Map.Entry<String, Path> e) -> -e.getKey().length()))
            .toList();
    return new Mounts(entries);
  }

  /** The container's volume mounts as bind mounts, for a container engine. */
  static List<BindMount> bindMounts(Container container, Map<String, Path> volumeDirectories) {
    return container.getVolumeMounts().stream()
        .filter(mount -> volumeDirectories.containsKey(mount.getName()))
        .map(
            mount ->
                new BindMount(
                    localPath(mount, volumeDirectories),
                    mount.getMountPath(),
                    Boolean.TRUE.equals(mount.getReadOnly())))
        .toList();
  }

  /** A {@code subPath} names a file or a directory of the volume; a missing one is a directory. */
  private static Path localPath(VolumeMount mount, Map<String, Path> volumeDirectories) {
    Path base = volumeDirectories.get(mount.getName());
    if (mount.getSubPath() == null || mount.getSubPath().isEmpty()) {
      return base;
    }
    Path sub = base.resolve(mount.getSubPath());
    return Files.isRegularFile(sub) ? sub : createDirectories(sub);
  }

  private Path prepare(Pod pod, Volume volume, Path podDirectory) {
    String namespace = pod.getMetadata().getNamespace();
    Long fsGroup =
        pod.getSpec().getSecurityContext() == null
            ? null
            : pod.getSpec().getSecurityContext().getFsGroup();
    Path podLocal = podDirectory.resolve("volumes").resolve(volume.getName());
    if (volume.getPersistentVolumeClaim() != null) {
      Path claim = claimDirectory(namespace, volume.getPersistentVolumeClaim().getClaimName());
      if (fsGroup != null) {
        VolumeFiles.applyFsGroup(claim, fsGroup);
      }
      return claim;
    }
    if (volume.getHostPath() != null) {
      return createDirectories(Path.of(volume.getHostPath().getPath()));
    }
    createDirectories(podLocal);
    VolumeFiles.Writer files = new VolumeFiles.Writer(podLocal, fsGroup);
    if (volume.getConfigMap() != null) {
      var source = volume.getConfigMap();
      int mode = modeOr(source.getDefaultMode());
      writeKeys(
          files,
          configMapData(namespace, source.getName(), source.getOptional()),
          source.getItems(),
          mode);
    } else if (volume.getSecret() != null) {
      var source = volume.getSecret();
      int mode = modeOr(source.getDefaultMode());
      writeKeys(
          files,
          secretData(namespace, source.getSecretName(), source.getOptional()),
          source.getItems(),
          mode);
    } else if (volume.getProjected() != null) {
      project(pod, volume.getProjected(), files);
    } else {
      VolumeFiles.makeWorldWritable(podLocal);
      if (fsGroup != null) {
        VolumeFiles.applyFsGroup(podLocal, fsGroup);
      }
    }
    return podLocal;
  }

  private void project(Pod pod, ProjectedVolumeSource projected, VolumeFiles.Writer files) {
    String namespace = pod.getMetadata().getNamespace();
    int defaultMode = modeOr(projected.getDefaultMode());
    for (VolumeProjection source : projected.getSources()) {
      if (source.getServiceAccountToken() != null) {
        Path file = files.target(source.getServiceAccountToken().getPath());
        tokens.project(pod, source.getServiceAccountToken(), file, defaultMode);
        files.own(file);
      } else if (source.getConfigMap() != null) {
        var configMap = source.getConfigMap();
        writeKeys(
            files,
            configMapData(namespace, configMap.getName(), configMap.getOptional()),
            configMap.getItems(),
            defaultMode);
      } else if (source.getSecret() != null) {
        var secret = source.getSecret();
        writeKeys(
            files,
            secretData(namespace, secret.getName(), secret.getOptional()),
            secret.getItems(),
            defaultMode);
      } else if (source.getDownwardAPI() != null) {
        for (DownwardAPIVolumeFile item : source.getDownwardAPI().getItems()) {
          if (item.getFieldRef() == null) {
            throw new ContainerStartException(
                "CreateContainerConfigError",
                "downwardAPI volume file " + item.getPath() + ": only fieldRef is supported");
          }
          String value = EnvResolver.field(pod, item.getFieldRef().getFieldPath(), null, null);
          files.write(
              item.getPath(),
              value.getBytes(StandardCharsets.UTF_8),
              item.getMode() == null ? defaultMode : item.getMode());
        }
      }
    }
  }

  private Map<String, byte[]> configMapData(String namespace, String name, Boolean optional) {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    if (configMap == null) {
      return missing("configmap", name, optional);
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (configMap.getData() != null) {
      configMap
          .getData()
          .forEach((key, value) -> data.put(key, value.getBytes(StandardCharsets.UTF_8)));
    }
    if (configMap.getBinaryData() != null) {
      configMap
          .getBinaryData()
          .forEach((key, value) -> data.put(key, Base64.getDecoder().decode(value)));
    }
    return data;
  }

  private Map<String, byte[]> secretData(String namespace, String name, Boolean optional) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return missing("secret", name, optional);
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, value) -> data.put(key, Base64.getDecoder().decode(value)));
    }
    return data;
  }

  private static Map<String, byte[]> missing(String kind, String name, Boolean optional) {
    if (Boolean.TRUE.equals(optional)) {
      return Map.of();
    }
    throw new ContainerStartException("ContainerCreating", kind + " \"" + name + "\" not found");
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

  /** Every key, or only the listed items (a listed key that is missing is skipped). */
  private static void writeKeys(
      VolumeFiles.Writer files, Map<String, byte[]> data, List<KeyToPath> items, int defaultMode) {
    if (items == null || items.isEmpty()) {
      data.forEach((key, bytes) -> files.write(key, bytes, defaultMode));
      return;
    }
    for (KeyToPath item : items) {
      byte[] bytes = data.get(item.getKey());
      if (bytes != null) {
        files.write(item.getPath(), bytes, item.getMode() == null ? defaultMode : item.getMode());
      }
    }
  }

  private static int modeOr(Integer mode) {
    return mode == null ? DEFAULT_FILE_MODE : mode;
  }

  static Path createDirectories(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }
}
