/**
 * The records of the metadata log and their binary form: one record per change, a journal entry per
 * committed batch; snapshots and the metadata fetched by broker-only nodes use the same form.
 */
package dev.brook.broker.metadata.record;
