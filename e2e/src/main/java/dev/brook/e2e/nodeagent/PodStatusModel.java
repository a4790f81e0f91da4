package dev.brook.e2e.nodeagent;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a pod's {@code status} from its containers, as a strategic-merge-patch body.
 *
 * <p>The body is plain maps because a patch must carry explicit nulls: {@code state} holds exactly
 * one of waiting, running and terminated, and strategic merge would otherwise keep the old one.
 * {@code PodScheduled} is the scheduler's condition and is left out (conditions merge by type).
 * Thread-safety: confined to the caller that owns the pod's status writes.
 */
final class PodStatusModel {

  static final String RUNNING = "Running";

  private final Map<String, Boolean> conditionValues = new HashMap<>();
  private final Map<String, Instant> conditionTransitions = new HashMap<>();

  Map<String, Object> status(
      List<ContainerSnapshot> initContainers,
      List<ContainerSnapshot> containers,
      String podIp,
      String hostIp,
      Instant startTime) {
    Map<String, Object> status = new LinkedHashMap<>();
    boolean initialized = initContainers.stream().allMatch(PodStatusModel::succeeded);
    status.put("phase", initialized ? phase(containers) : initPhase(initContainers));
    boolean allReady =
        !containers.isEmpty() && containers.stream().allMatch(ContainerSnapshot::ready);
    status.put(
        "conditions",
        List.of(
            condition("PodReadyToStartContainers", podIp != null),
            condition("Initialized", initialized),
            condition("ContainersReady", allReady),
            condition("Ready", allReady)));
    if (podIp != null) {
      status.put("podIP", podIp);
      status.put("podIPs", List.of(Map.of("ip", podIp)));
    }
    status.put("hostIP", hostIp);
    status.put("hostIPs", List.of(Map.of("ip", hostIp)));
    status.put("startTime", startTime.toString());
    if (!initContainers.isEmpty()) {
      status.put(
          "initContainerStatuses",
          initContainers.stream().map(PodStatusModel::containerStatus).toList());
    }
    status.put(
        "containerStatuses", containers.stream().map(PodStatusModel::containerStatus).toList());
    return Map.of("status", status);
  }

  /**
   * Pending until every container has started once; Succeeded or Failed when every container has
   * terminated for good; Running otherwise (including while a container waits to restart).
   */
  static String phase(List<ContainerSnapshot> containers) {
    boolean notStartedYet =
        containers.stream()
            .anyMatch(
                c ->
                    c.state() instanceof ContainerState.Waiting
                        && c.lastTermination() == null
                        && c.restartCount() == 0
                        && !c.restartPending());
    if (notStartedYet) {
      return "Pending";
    }
    boolean allDone =
        containers.stream()
            .allMatch(c -> c.state() instanceof ContainerState.Terminated && !c.restartPending());
    if (allDone) {
      boolean allSucceeded =
          containers.stream()
              .allMatch(c -> ((ContainerState.Terminated) c.state()).exitCode() == 0);
      return allSucceeded ? "Succeeded" : "Failed";
    }
    return RUNNING;
  }

  /** While init containers run: Failed once one failed for good, Pending otherwise. */
  static String initPhase(List<ContainerSnapshot> initContainers) {
    boolean failedForGood =
        initContainers.stream()
            .anyMatch(
                c ->
                    c.state() instanceof ContainerState.Terminated terminated
                        && terminated.exitCode() != 0
                        && !c.restartPending());
    return failedForGood ? "Failed" : "Pending";
  }

  private static boolean succeeded(ContainerSnapshot container) {
    return container.state() instanceof ContainerState.Terminated terminated
        && terminated.exitCode() == 0;
  }

  private Map<String, Object> condition(String type, boolean value) {
    Boolean previous = conditionValues.put(type, value);
    if (previous == null || previous != value) {
      conditionTransitions.put(type, Instant.now());
    }
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", type);
    condition.put("status", value ? "True" : "False");
    condition.put("lastProbeTime", null);
    condition.put("lastTransitionTime", conditionTransitions.get(type).toString());
    return condition;
  }

  private static Map<String, Object> containerStatus(ContainerSnapshot container) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("name", container.name());
    status.put("image", container.image());
    status.put("imageID", "");
    status.put("ready", container.ready());
    status.put("started", container.started());
    status.put("restartCount", container.restartCount());
    status.put("state", state(container.state()));
    if (container.lastTermination() != null) {
      status.put("lastState", state(container.lastTermination()));
    }
    return status;
  }

  private static Map<String, Object> state(ContainerState state) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("waiting", null);
    map.put("running", null);
    map.put("terminated", null);
    if (state instanceof ContainerState.Waiting waiting) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("reason", waiting.reason());
      detail.put("message", waiting.message());
      map.put("waiting", detail);
    } else if (state instanceof ContainerState.Running running) {
      map.put("running", Map.of("startedAt", running.startedAt().toString()));
    } else if (state instanceof ContainerState.Terminated terminated) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("exitCode", terminated.exitCode());
      detail.put("reason", terminated.reason());
      detail.put("message", terminated.message());
      detail.put("startedAt", terminated.startedAt().toString());
      detail.put("finishedAt", terminated.finishedAt().toString());
      map.put("terminated", detail);
    }
    return map;
  }
}
