/**
 * The cluster metadata as every node sees it: the journal the records are committed to (local for a
 * single node, the Ratis quorum in {@code raft/} otherwise), the applier that folds committed
 * records into the {@link dev.brook.broker.metadata.image image}, and the cache that hands the
 * current image to readers and notifies listeners of each new one.
 */
package dev.brook.broker.metadata;
