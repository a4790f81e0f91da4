/**
 * The active controller: turns admin requests and broker lifecycle events into metadata records and
 * commits them, one operation at a time ({@link dev.brook.broker.controller.ClusterController}).
 * Here are topic creation and deletion, partition growth, replica placement (through {@code
 * placement/}), leader elections, fencing and unfencing (with the liveness monitor that decides
 * when a broker is gone), ISR changes, reassignments, config changes and unregistering brokers.
 * Every decision is a pure function of the current {@link dev.brook.broker.metadata.image metadata
 * image}; the records it returns are committed by the journal.
 */
package dev.brook.broker.controller;
