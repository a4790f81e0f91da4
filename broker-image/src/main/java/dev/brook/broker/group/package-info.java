/**
 * The classic consumer-group coordinator (JoinGroup/SyncGroup/Heartbeat/LeaveGroup, offsets and
 * group administration), modelled on Apache Kafka's classic group implementation.
 *
 * <h2>Structure</h2>
 *
 * <ul>
 *   <li>{@link dev.brook.broker.group.GroupCoordinator}: the public entry point, one per broker;
 *       {@link dev.brook.broker.api.SupportedApis} lists the versions it serves.
 *   <li>State: {@code ClassicGroup} (state machine, members, committed offsets) and {@code
 *       ClassicMember}; {@code GroupRegistry} maps offsets-topic partitions to their groups.
 *   <li>Behaviour: one handler per request family ({@code JoinGroupHandler}, {@code
 *       StaticMemberRejoin}, {@code SyncGroupHandler}, {@code HeartbeatHandler}, {@code
 *       LeaveGroupHandler}, {@code OffsetCommitHandler}, {@code OffsetFetchHandler}, {@code
 *       GroupListing}, {@code GroupDeletion}); {@code Rebalancer} owns the join/sync/session
 *       deadlines; {@code OffsetExpiry} runs the retention check.
 *   <li>Persistence: {@code GroupRecordSerde} defines the record schema in {@code
 *       __consumer_offsets}; {@code GroupWriter} appends through {@link
 *       dev.brook.broker.group.OffsetsLog}; {@code GroupLoader} replays a partition on election.
 * </ul>
 *
 * <h2>Threading</h2>
 *
 * Each group is guarded by its own monitor; no operation holds two group monitors. Deadlines run on
 * the scheduler given to the coordinator. Response futures may complete while a group monitor is
 * held, on the request thread, the scheduler or the thread completing an append: dependents must
 * not block (hand the response to the channel's event loop) and must not wait on another group.
 *
 * <h2>Durability</h2>
 *
 * A state change that clients rely on is acknowledged only after its records are durable: committed
 * offsets, the leader's assignment (SyncGroup), a static member's new id, deletions. The membership
 * record written when a group becomes Empty is best effort, as in Kafka.
 */
package dev.brook.broker.group;
