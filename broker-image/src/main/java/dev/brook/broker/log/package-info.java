/**
 * The on-disk partition log, modelled on Apache Kafka's.
 *
 * <pre>
 * &lt;log.dir&gt;/
 *   .lock                              exclusive lock of a running broker
 *   .brook-clean-shutdown              written last at clean shutdown, removed after startup
 *   recovery-point-offset-checkpoint   "topic partition offset" lines (CheckpointFile format)
 *   log-start-offset-checkpoint
 *   replication-offset-checkpoint      high watermarks
 *   &lt;topic&gt;-&lt;partition&gt;/
 *     partition.metadata               topic id
 *     leader-epoch-checkpoint          "epoch startOffset" lines
 *     00000000000000000000.log         record batches exactly as appended (magic v2)
 *     00000000000000000000.index       8-byte entries: relative offset, position
 *     00000000000000000000.timeindex   12-byte entries: timestamp, relative offset
 *     00000000000000001234.snapshot    producer state before offset 1234
 *   &lt;topic&gt;-&lt;partition&gt;.&lt;uuid&gt;-delete/   a deleted log awaiting removal
 * </pre>
 *
 * <p>Entry points: {@link dev.brook.broker.log.LogManager} (all logs of a broker) and {@link
 * dev.brook.broker.log.Log} (one partition). Every persisted file carries a version and a checksum
 * except segment data, whose batches carry their own CRC.
 */
package dev.brook.broker.log;
