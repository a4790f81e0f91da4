package dev.brook.e2e.nodeagent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/** File-system steps of volume set-up: atomic file writes, modes, and {@code fsGroup} ownership. */
final class VolumeFiles {

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private VolumeFiles() {}

  /** Writes the files of one ConfigMap, Secret or projected volume. */
  static final class Writer {
    private final Path directory;
    private final Long fsGroup;

    Writer(Path directory, Long fsGroup) {
      this.directory = directory;
      this.fsGroup = fsGroup;
    }

    /** Where {@code relative} lives in the volume; a path escaping it is refused. */
    Path target(String relative) {
      Path file = directory.resolve(relative).normalize();
      if (!file.startsWith(directory) || file.equals(directory)) {
        throw new ContainerStartException(
            "CreateContainerConfigError", "volume path " + relative + " leaves the volume");
      }
      return file;
    }

    void write(String relative, byte[] bytes, int mode) {
      Path file = target(relative);
      writeAtomically(file, bytes, mode);
      own(file);
    }

    /** Gives a file written into the volume the pod's {@code fsGroup}, if it has one. */
    void own(Path file) {
      if (fsGroup != null) {
        setGroup(file, fsGroup);
      }
    }
  }

  /**
   * Replaces {@code file} with {@code bytes} in one rename, so a reader sees the old or the new
   * content, never a mix (the kubelet swaps a {@code ..data} link for the same reason).
   */
  static void writeAtomically(Path file, byte[] bytes, int mode) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), ".." + file.getFileName(), ".tmp");
      Files.write(temporary, bytes);
      Files.setPosixFilePermissions(temporary, permissions(mode));
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write volume file " + file, e);
    }
  }

  /**
   * What the kubelet does for a pod's {@code fsGroup} on a writable volume, with the {@code
   * OnRootMismatch} policy: unless the volume's root already has the group, every file and
   * directory gets it with group read and write, and directories get the set-group-id bit so new
   * files inherit the group. Without root privileges (a developer's machine) nothing is changed,
   * and nothing needs to be: the containers run as the same user.
   */
  static void applyFsGroup(Path volume, long fsGroup) {
    if (!ROOT) {
      return;
    }
    try {
      if (groupOf(volume) == fsGroup
          && Files.getPosixFilePermissions(volume).containsAll(GROUP_RW)) {
        return;
      }
      try (Stream<Path> tree = Files.walk(volume)) {
        for (Path path : tree.toList()) {
          Files.setAttribute(path, "unix:gid", (int) fsGroup, LinkOption.NOFOLLOW_LINKS);
          Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
          permissions.addAll(GROUP_RW);
          if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
            Files.setPosixFilePermissions(path, permissions);
            int withSetGid = (int) Files.getAttribute(path, "unix:mode") | 02000;
            Files.setAttribute(path, "unix:mode", withSetGid);
          } else {
            Files.setPosixFilePermissions(path, permissions);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot apply fsGroup " + fsGroup + " to " + volume, e);
    }
  }

  /** An {@code emptyDir} is writable by any user, as the kubelet creates it. */
  static void makeWorldWritable(Path directory) {
    try {
      Files.setPosixFilePermissions(directory, permissions(0777));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the mode of " + directory, e);
    }
  }

  /** Gives a projected, ConfigMap or Secret file the pod's {@code fsGroup} (root only). */
  static void setGroup(Path file, long group) {
    if (!ROOT) {
      return;
    }
    try {
      Files.setAttribute(file, "unix:gid", (int) group, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the group of " + file, e);
    }
  }

  private static final Set<PosixFilePermission> GROUP_RW =
      EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);

  private static long groupOf(Path path) throws IOException {
    return ((Number) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue();
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (bits.length - 1 - i))) != 0) {
        permissions.add(bits[i]);
      }
    }
    return permissions;
  }
}
