/**
 * Idempotent-producer state per partition: sequence checks for appends from clients, snapshots
 * taken with the log, and the rebuild after a restart. Transactions are not supported yet; the
 * state keeps no open-transaction offsets.
 */
package dev.brook.broker.producer;
