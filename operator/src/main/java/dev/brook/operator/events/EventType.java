package dev.brook.operator.events;

/** The two Event types Kubernetes knows. */
public enum EventType {
  Normal,
  Warning
}
