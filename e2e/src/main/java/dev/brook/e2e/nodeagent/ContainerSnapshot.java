package dev.brook.e2e.nodeagent;

/**
 * What the status writer needs to know about one container at one moment.
 *
 * @param lastTermination the previous run's termination, null before the first restart
 * @param started the container runs and its startup probe, if any, has passed
 * @param restartPending true while the container waits for its restart back-off to expire
 */
record ContainerSnapshot(
    String name,
    String image,
    ContainerState state,
    ContainerState.Terminated lastTermination,
    int restartCount,
    boolean ready,
    boolean started,
    boolean restartPending) {}
