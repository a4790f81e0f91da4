/**
 * What operators watch a broker through: an HTTP endpoint ({@code http.listener}) with {@code
 * /health/live}, {@code /health/ready} (ready once the broker is registered and unfenced, the same
 * gate its client listeners open on) and {@code /metrics} in Prometheus text format, and the
 * Micrometer meters behind it, named after the Kafka metrics operators already alert on ({@code
 * kafka_server_replicamanager_underreplicatedpartitions}, {@code
 * kafka_server_brokertopicmetrics_bytesin_total}, {@code
 * kafka_network_requestmetrics_totaltime_seconds} with its count and percentiles per request type,
 * ...).
 */
package dev.brook.broker.http;
