package dev.brook.e2e.nodeagent;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the containers of one pod share: its addresses, working directory, log directory and
 * volume directories.
 */
record PodEnvironment(
    Pod pod,
    String podIp,
    String hostIp,
    Path workingDirectory,
    Path logDirectory,
    Map<String, Path> volumeDirectories) {}
