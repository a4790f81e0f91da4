package dev.brook.broker.controller;

/**
 * Whether this process is the active controller now: always for a single node; for a quorum, only
 * while it is the Raft leader and has applied everything committed before its term began.
 */
@FunctionalInterface
public interface ControllerLeadership {

  ControllerLeadership ALWAYS = () -> true;

  boolean isActive();
}
