// Command franzgo drives franz-go (the kgo client and the kadm admin) against a Brook cluster:
// topic administration, an idempotent acks=all produce, a classic consumer group that reads
// everything back and commits, and a second member of the group that resumes from the commit.
//
// Usage: franzgo <bootstrap servers> <replication factor>
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/kversion"

	"dev.brook/compat/clients/go/internal/check"
)

const (
	firstBatch  = 500
	secondBatch = 50
)

// maxVersions caps the request versions the client sends; nil: the newest both sides know.
var maxVersions *kversion.Versions

// capped says whether the cap keeps the client below version v of request key.
func capped(key, v int16) bool {
	if maxVersions == nil {
		return false
	}
	max, ok := maxVersions.LookupMaxKeyVersion(key)
	return !ok || max < v
}

func main() {
	args := check.ParseArgs()
	topic := check.UniqueName("franzgo", "topic")
	group := check.UniqueName("franzgo", "group")
	rf := args.ReplicationFactor
	fmt.Printf("franz-go against %v, topic %s, group %s, replication factor %d\n", args.Brokers, topic, group, rf)

	opts := []kgo.Opt{kgo.SeedBrokers(args.Brokers...), kgo.ClientID("brook-compat-franzgo")}
	if v := os.Getenv("BROOK_COMPAT_FRANZGO_MAX_VERSIONS"); v != "" {
		// For exploring older request versions by hand, e.g. BROOK_COMPAT_FRANZGO_MAX_VERSIONS=2.4.0
		versions := kversion.FromString(v)
		if versions == nil {
			check.Fail("BROOK_COMPAT_FRANZGO_MAX_VERSIONS: unknown Kafka version %q", v)
		}
		opts = append(opts, kgo.MaxVersions(versions))
		maxVersions = versions
	}
	if os.Getenv("BROOK_COMPAT_DEBUG") != "" {
		opts = append(opts, kgo.WithLogger(kgo.BasicLogger(os.Stdout, kgo.LogLevelDebug, nil)))
	}
	adminClient, err := kgo.NewClient(opts...)
	if err != nil {
		check.Fail("admin client: %v", err)
	}
	defer adminClient.Close()
	adm := kadm.NewClient(adminClient)

	brokers := map[int32]bool{}
	check.Phase("cluster", func(ctx context.Context) error {
		// Waits for every broker to be listed: a broker answers Metadata before it registered.
		return check.Eventually(ctx, "metadata lists every broker", func() error {
			m, err := adm.BrokerMetadata(ctx)
			if err != nil {
				return err
			}
			if len(m.Brokers) != rf {
				return fmt.Errorf("metadata lists brokers %v, want %d", m.Brokers.NodeIDs(), rf)
			}
			for _, b := range m.Brokers {
				brokers[b.NodeID] = true
			}
			if !brokers[m.Controller] {
				return fmt.Errorf("controller %d is not a listed broker %v", m.Controller, m.Brokers.NodeIDs())
			}
			if m.Cluster == "" {
				return errors.New("metadata has no cluster id")
			}
			fmt.Printf("  metadata: cluster %s, controller %d, brokers %v\n", m.Cluster, m.Controller, m.Brokers.NodeIDs())
			if capped(int16(kmsg.DescribeCluster), 0) {
				return nil
			}
			return describeCluster(ctx, adminClient, m)
		})
	})

	check.Phase("create topic", func(ctx context.Context) error {
		resp, err := adm.CreateTopic(ctx, 3, int16(rf), nil, topic)
		if err != nil {
			return err
		}
		if resp.Err != nil {
			return fmt.Errorf("create %s: %w (%s)", topic, resp.Err, resp.ErrMessage)
		}
		if !capped(int16(kmsg.CreateTopics), 5) && (resp.NumPartitions != 3 || int(resp.ReplicationFactor) != rf) {
			return fmt.Errorf("created %d partitions, rf %d; asked 3, %d", resp.NumPartitions, resp.ReplicationFactor, rf)
		}
		fmt.Printf("  created %s (id %s)\n", topic, resp.ID)
		return awaitPartitions(ctx, adminClient, adm, topic, 3, rf, brokers)
	})

	check.Phase("describe configs", func(ctx context.Context) error {
		configs, err := topicConfigs(ctx, adm, topic)
		if err != nil {
			return err
		}
		values := map[string]string{}
		for key, c := range configs {
			values[key] = c.MaybeValue()
		}
		return check.TopicConfigs(values)
	})

	check.Phase("create partitions", func(ctx context.Context) error {
		resps, err := adm.UpdatePartitions(ctx, 4, topic)
		if err != nil {
			return err
		}
		resp, err := resps.On(topic, nil)
		if err != nil {
			return err
		}
		if resp.Err != nil {
			return fmt.Errorf("grow %s to 4 partitions: %w (%s)", topic, resp.Err, resp.ErrMessage)
		}
		return awaitPartitions(ctx, adminClient, adm, topic, 4, rf, brokers)
	})

	producer, err := kgo.NewClient(append(opts, kgo.DefaultProduceTopic(topic), kgo.RequiredAcks(kgo.AllISRAcks()))...)
	if err != nil {
		check.Fail("producer: %v", err)
	}
	defer producer.Close()
	var ledger *check.Ledger
	check.Phase("produce", func(ctx context.Context) error {
		acked, err := produce(ctx, producer, check.Records("franz-go", 0, firstBatch))
		if err != nil {
			return err
		}
		ledger, err = check.NewLedger(acked)
		if err != nil {
			return err
		}
		fmt.Printf("  %d records acknowledged (acks=all, idempotent): %s\n", len(acked), check.PartitionCounts(acked))
		return nil
	})

	var consumed []check.Record
	check.Phase("consume in group", func(ctx context.Context) error {
		consumer, err := newConsumer(opts, topic, group)
		if err != nil {
			return err
		}
		defer consumer.Close()
		consumed, err = consume(ctx, consumer, firstBatch)
		if err != nil {
			return err
		}
		if err := ledger.Verify(consumed, 0, firstBatch); err != nil {
			return err
		}
		if err := consumer.CommitUncommittedOffsets(ctx); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		fmt.Printf("  consumed and verified %d records (%s), committed\n", len(consumed), check.PartitionCounts(consumed))
		return describeGroup(ctx, adm, group, topic, "Stable", 1)
	})

	check.Phase("committed offsets", func(ctx context.Context) error {
		return checkCommitted(ctx, adm, group, topic, ledger.EndOffsets())
	})

	check.Phase("resume from commit", func(ctx context.Context) error {
		acked, err := produce(ctx, producer, check.Records("franz-go", firstBatch, secondBatch))
		if err != nil {
			return err
		}
		if err := ledger.Add(acked); err != nil {
			return err
		}
		consumer, err := newConsumer(opts, topic, group)
		if err != nil {
			return err
		}
		defer consumer.Close()
		again, err := consume(ctx, consumer, secondBatch)
		if err != nil {
			return err
		}
		// Anything old would come with the new records or right after them.
		quiet, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
		late := consumer.PollFetches(quiet)
		cancel()
		late.EachRecord(func(r *kgo.Record) { again = append(again, neutral(r)) })
		if err := ledger.Verify(again, firstBatch, firstBatch+secondBatch); err != nil {
			return fmt.Errorf("second member of the group: %w", err)
		}
		if err := consumer.CommitUncommittedOffsets(ctx); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		fmt.Printf("  the group resumed at its commit: exactly the %d new records\n", len(again))
		consumer.Close()
		if err := describeGroup(ctx, adm, group, topic, "Empty", 0); err != nil {
			return err
		}
		return checkCommitted(ctx, adm, group, topic, ledger.EndOffsets())
	})

	check.Phase("alter configs", func(ctx context.Context) error {
		return alterConfigs(ctx, adm, topic)
	})

	check.Phase("offsets admin", func(ctx context.Context) error {
		return offsetsAdmin(ctx, adm, group, topic, ledger.EndOffsets())
	})

	check.Phase("delete group", func(ctx context.Context) error {
		resp, err := adm.DeleteGroup(ctx, group)
		if err != nil {
			return err
		}
		if resp.Err != nil {
			return fmt.Errorf("delete group %s: %w", group, resp.Err)
		}
		listed, err := adm.ListGroups(ctx)
		if err != nil {
			return err
		}
		if _, ok := listed[group]; ok {
			return fmt.Errorf("group %s still listed after its deletion", group)
		}
		offsets, err := adm.FetchOffsets(ctx, group)
		if err != nil {
			return err
		}
		if len(offsets[topic]) != 0 {
			return fmt.Errorf("deleted group %s still has offsets %v", group, offsets[topic])
		}
		fmt.Printf("  group %s deleted with its offsets\n", group)
		return nil
	})

	check.Phase("delete topic", func(ctx context.Context) error {
		resp, err := adm.DeleteTopic(ctx, topic)
		if err != nil {
			return err
		}
		if resp.Err != nil {
			return fmt.Errorf("delete %s: %w (%s)", topic, resp.Err, resp.ErrMessage)
		}
		return check.Eventually(ctx, "topic gone from metadata", func() error {
			topics, err := adm.ListTopics(ctx)
			if err != nil {
				return err
			}
			if topics.Has(topic) {
				return fmt.Errorf("%s still listed", topic)
			}
			return nil
		})
	})

	fmt.Printf("OK franz-go: topic with %d brokers rf %d, 3->4 partitions, %d+%d records produced idempotently and consumed back in group %s, resumed at the commit, topic deleted\n",
		len(brokers), rf, firstBatch, secondBatch, group)
}

// describeCluster checks DescribeCluster against what Metadata said.
func describeCluster(ctx context.Context, cl *kgo.Client, m kadm.Metadata) error {
	req := kmsg.NewPtrDescribeClusterRequest()
	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		return fmt.Errorf("describe cluster: %w", err)
	}
	if err := kerr.ErrorForCode(resp.ErrorCode); err != nil {
		return fmt.Errorf("describe cluster: %w", err)
	}
	ids := make([]int32, 0, len(resp.Brokers))
	for _, b := range resp.Brokers {
		if b.Host == "" || b.Port <= 0 {
			return fmt.Errorf("describe cluster: broker %d at %q:%d", b.NodeID, b.Host, b.Port)
		}
		ids = append(ids, b.NodeID)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	if fmt.Sprint(ids) != fmt.Sprint(m.Brokers.NodeIDs()) || resp.ClusterID != m.Cluster || resp.ControllerID != m.Controller {
		return fmt.Errorf("describe cluster: cluster %s controller %d brokers %v; metadata said %s %d %v",
			resp.ClusterID, resp.ControllerID, ids, m.Cluster, m.Controller, m.Brokers.NodeIDs())
	}
	fmt.Printf("  describe cluster: cluster %s, controller %d, brokers %v\n", resp.ClusterID, resp.ControllerID, ids)
	return nil
}

// awaitPartitions waits until the admin's topic listing shows the topic with its partitions all
// led and fully replicated, and then every broker's own Metadata answer: a broker learns of a
// change from the metadata quorum a little after the controller answered the admin request.
func awaitPartitions(ctx context.Context, cl *kgo.Client, adm *kadm.Client, topic string, partitions, rf int, brokers map[int32]bool) error {
	start := time.Now()
	var parts []check.Partition
	err := check.Eventually(ctx, fmt.Sprintf("%s listed with %d led partitions", topic, partitions), func() error {
		topics, err := adm.ListTopics(ctx, topic)
		if err != nil {
			return err
		}
		detail, ok := topics[topic]
		if !ok {
			return fmt.Errorf("%s not listed", topic)
		}
		if detail.Err != nil {
			return fmt.Errorf("%s: %w", topic, detail.Err)
		}
		parts = parts[:0]
		for _, p := range detail.Partitions {
			parts = append(parts, check.Partition{ID: p.Partition, Leader: p.Leader, Replicas: p.Replicas, ISR: p.ISR, Err: p.Err})
		}
		return check.Partitions(topic, parts, partitions, rf, brokers)
	})
	if err != nil {
		return err
	}
	check.PrintPartitions(topic, parts)
	for id := range brokers {
		err := check.Eventually(ctx, fmt.Sprintf("broker %d shows %s with %d partitions", id, topic, partitions), func() error {
			req := kmsg.NewPtrMetadataRequest()
			rt := kmsg.NewMetadataRequestTopic()
			rt.Topic = kmsg.StringPtr(topic)
			req.Topics = append(req.Topics, rt)
			resp, err := req.RequestWith(ctx, cl.Broker(int(id)))
			if err != nil {
				return err
			}
			if len(resp.Topics) != 1 {
				return fmt.Errorf("%d topics in the answer", len(resp.Topics))
			}
			if err := kerr.ErrorForCode(resp.Topics[0].ErrorCode); err != nil {
				return err
			}
			var seen []check.Partition
			for _, p := range resp.Topics[0].Partitions {
				seen = append(seen, check.Partition{ID: p.Partition, Leader: p.Leader, Replicas: p.Replicas, ISR: p.ISR, Err: kerr.ErrorForCode(p.ErrorCode)})
			}
			return check.Partitions(topic, seen, partitions, rf, brokers)
		})
		if err != nil {
			return err
		}
	}
	fmt.Printf("  every broker's metadata agrees after %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

func produce(ctx context.Context, producer *kgo.Client, records []check.Record) ([]check.Record, error) {
	out := make([]*kgo.Record, 0, len(records))
	for _, r := range records {
		rec := &kgo.Record{Key: []byte(r.Key), Value: []byte(r.Value)}
		for _, h := range r.Headers {
			rec.Headers = append(rec.Headers, kgo.RecordHeader{Key: h.Key, Value: []byte(h.Value)})
		}
		out = append(out, rec)
	}
	results := producer.ProduceSync(ctx, out...)
	acked := make([]check.Record, 0, len(results))
	for _, res := range results {
		if res.Err != nil {
			return nil, fmt.Errorf("produce seq %s: %w", string(res.Record.Headers[0].Value), res.Err)
		}
		acked = append(acked, neutral(res.Record))
	}
	return acked, nil
}

func newConsumer(opts []kgo.Opt, topic, group string) (*kgo.Client, error) {
	return kgo.NewClient(append(opts,
		kgo.ConsumerGroup(group),
		kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.DisableAutoCommit(),
		kgo.FetchMaxWait(500*time.Millisecond),
	)...)
}

// consume polls until want records arrived (or ctx ends), failing on any fetch error.
func consume(ctx context.Context, consumer *kgo.Client, want int) ([]check.Record, error) {
	var got []check.Record
	for len(got) < want {
		fetches := consumer.PollFetches(ctx)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("consumed %d of %d records before the deadline", len(got), want)
		}
		var errs []error
		fetches.EachError(func(t string, p int32, err error) {
			errs = append(errs, fmt.Errorf("fetch %s-%d: %w", t, p, err))
		})
		if len(errs) > 0 {
			return nil, errors.Join(errs...)
		}
		fetches.EachRecord(func(r *kgo.Record) { got = append(got, neutral(r)) })
	}
	return got, nil
}

func neutral(r *kgo.Record) check.Record {
	out := check.Record{Partition: r.Partition, Offset: r.Offset, Key: string(r.Key), Value: string(r.Value)}
	for _, h := range r.Headers {
		out.Headers = append(out.Headers, check.Header{Key: h.Key, Value: string(h.Value)})
	}
	return out
}

// describeGroup checks ListGroups and DescribeGroups: the group listed, in the given state, with
// that many members which (when there are any) are assigned every partition of the topic.
func describeGroup(ctx context.Context, adm *kadm.Client, group, topic, state string, members int) error {
	listed, err := adm.ListGroups(ctx)
	if err != nil {
		return fmt.Errorf("list groups: %w", err)
	}
	lg, ok := listed[group]
	if !ok {
		return fmt.Errorf("list groups: %s missing from %v", group, listed.Groups())
	}
	groupType, listedState := "classic", state // ListGroups v5 and v4 add them
	if capped(int16(kmsg.ListGroups), 5) {
		groupType = ""
	}
	if capped(int16(kmsg.ListGroups), 4) {
		listedState = ""
	}
	if lg.ProtocolType != "consumer" || lg.State != listedState || lg.GroupType != groupType {
		return fmt.Errorf("list groups: %s protocol type %q state %q type %q, want consumer %q %q", group, lg.ProtocolType, lg.State, lg.GroupType, listedState, groupType)
	}
	described, err := adm.DescribeGroups(ctx, group)
	if err != nil {
		return fmt.Errorf("describe group: %w", err)
	}
	d, ok := described[group]
	if !ok || d.Err != nil {
		return fmt.Errorf("describe group %s: %v %v", group, ok, d.Err)
	}
	if d.State != state || len(d.Members) != members {
		return fmt.Errorf("group %s: state %s with %d members, want %s with %d", group, d.State, len(d.Members), state, members)
	}
	if members > 0 {
		if d.ProtocolType != "consumer" || d.Protocol == "" {
			return fmt.Errorf("group %s: protocol type %q protocol %q", group, d.ProtocolType, d.Protocol)
		}
		assigned := d.AssignedPartitions()
		if got := assigned.Sorted(); len(got) != 1 || got[0].Topic != topic || len(got[0].Partitions) != 4 {
			return fmt.Errorf("group %s: assigned %v, want the 4 partitions of %s", group, got, topic)
		}
	}
	fmt.Printf("  group %s listed (%s, %s) and described: %s, %d members, protocol %q, coordinator %d\n",
		group, lg.ProtocolType, lg.State, d.State, len(d.Members), d.Protocol, d.Coordinator.NodeID)
	return nil
}

// checkCommitted fetches the group's committed offsets with the admin client and compares them
// with where the consumer stopped, and with the end offsets ListOffsets gives.
func checkCommitted(ctx context.Context, adm *kadm.Client, group, topic string, want map[int32]int64) error {
	offsets, err := adm.FetchOffsets(ctx, group)
	if err != nil {
		return fmt.Errorf("fetch offsets: %w", err)
	}
	if err := offsets.Error(); err != nil {
		return fmt.Errorf("fetch offsets: %w", err)
	}
	got := map[int32]int64{}
	for _, o := range offsets[topic] {
		got[o.Partition] = o.At
	}
	if err := check.SameOffsets("committed offsets", got, want); err != nil {
		return err
	}
	ends, err := adm.ListEndOffsets(ctx, topic)
	if err != nil {
		return fmt.Errorf("list end offsets: %w", err)
	}
	if err := ends.Error(); err != nil {
		return fmt.Errorf("list end offsets: %w", err)
	}
	endOffsets := map[int32]int64{}
	ends.Each(func(o kadm.ListedOffset) { endOffsets[o.Partition] = o.Offset })
	if err := check.SameOffsets("end offsets", endOffsets, want); err != nil {
		return err
	}
	fmt.Printf("  committed offsets of %s = end offsets: %s\n", group, strconv.Quote(fmt.Sprint(got)))
	return nil
}

// topicConfigs describes the topic's configs, by name.
func topicConfigs(ctx context.Context, adm *kadm.Client, topic string) (map[string]kadm.Config, error) {
	configs, err := adm.DescribeTopicConfigs(ctx, topic)
	if err != nil {
		return nil, err
	}
	rc, err := configs.On(topic, nil)
	if err != nil {
		return nil, err
	}
	if rc.Err != nil {
		return nil, fmt.Errorf("describe configs of %s: %w (%s)", topic, rc.Err, rc.ErrMessage)
	}
	byName := map[string]kadm.Config{}
	for _, c := range rc.Configs {
		byName[c.Key] = c
	}
	return byName, nil
}

// alterConfigs sets and then removes a topic override with IncrementalAlterConfigs and checks
// DescribeConfigs shows each change with its source.
func alterConfigs(ctx context.Context, adm *kadm.Client, topic string) error {
	describe := func() (kadm.Config, error) {
		configs, err := topicConfigs(ctx, adm, topic)
		if err != nil {
			return kadm.Config{}, err
		}
		return configs["retention.ms"], nil
	}
	alter := func(op kadm.IncrementalOp, value *string) error {
		resps, err := adm.AlterTopicConfigs(ctx, []kadm.AlterConfig{{Op: op, Name: "retention.ms", Value: value}}, topic)
		if err != nil {
			return err
		}
		resp, err := resps.On(topic, nil)
		if err != nil {
			return err
		}
		if resp.Err != nil {
			return fmt.Errorf("alter configs: %w (%s)", resp.Err, resp.ErrMessage)
		}
		return nil
	}
	// The controller applies a change; the broker answering DescribeConfigs may learn it a
	// little later.
	awaitRetention := func(what, value string, dynamic bool) error {
		start := time.Now()
		return check.Eventually(ctx, what, func() error {
			c, err := describe()
			if err != nil {
				return err
			}
			if c.MaybeValue() != value || (c.Source == kmsg.ConfigSourceDynamicTopicConfig) != dynamic {
				return fmt.Errorf("%s: retention.ms=%s from %s", what, c.MaybeValue(), c.Source)
			}
			fmt.Printf("  %s: retention.ms=%s (%s) after %s\n", what, c.MaybeValue(), c.Source, time.Since(start).Round(time.Millisecond))
			return nil
		})
	}
	if err := alter(kadm.SetConfig, kmsg.StringPtr("3600000")); err != nil {
		return err
	}
	if err := awaitRetention("override set", "3600000", true); err != nil {
		return err
	}
	if err := alter(kadm.DeleteConfig, nil); err != nil {
		return err
	}
	return awaitRetention("override removed", "604800000", false)
}

// offsetsAdmin exercises the offset APIs an operator uses on an empty group: lag, offsets by
// time, DeleteRecords and the start offsets it moves, OffsetForLeaderEpoch, ElectLeaders,
// ListPartitionReassignments, committing and deleting a group's offsets with the admin client.
func offsetsAdmin(ctx context.Context, adm *kadm.Client, group, topic string, ends map[int32]int64) error {
	lags, err := adm.Lag(ctx, group)
	if err != nil {
		return fmt.Errorf("lag: %w", err)
	}
	lag, ok := lags[group]
	if !ok || lag.Error() != nil {
		return fmt.Errorf("lag of %s: %v %v", group, ok, lag.Error())
	}
	if total := lag.Lag.Total(); total != 0 || len(lag.Lag[topic]) != len(ends) {
		return fmt.Errorf("lag of %s: %d over %d partitions, want 0 over %d", group, total, len(lag.Lag[topic]), len(ends))
	}

	byTime, err := adm.ListOffsetsAfterMilli(ctx, 0, topic)
	if err != nil || byTime.Error() != nil {
		return fmt.Errorf("offsets after time 0: %v %v", err, byTime.Error())
	}
	var timeErr error
	byTime.Each(func(o kadm.ListedOffset) {
		if o.Offset != 0 && timeErr == nil {
			timeErr = fmt.Errorf("first offset at or after time 0 in %s-%d: %d, want 0", topic, o.Partition, o.Offset)
		}
	})
	if timeErr != nil {
		return timeErr
	}

	var trim kadm.Offsets
	trim.AddOffset(topic, 0, 10, -1)
	deleted, err := adm.DeleteRecords(ctx, trim)
	if err != nil {
		return fmt.Errorf("delete records: %w", err)
	}
	if d, ok := deleted.Lookup(topic, 0); !ok || d.Err != nil || d.LowWatermark != 10 {
		return fmt.Errorf("delete records below 10 in %s-0: %+v", topic, d)
	}
	starts, err := adm.ListStartOffsets(ctx, topic)
	if err != nil || starts.Error() != nil {
		return fmt.Errorf("start offsets: %v %v", err, starts.Error())
	}
	if o, _ := starts.Lookup(topic, 0); o.Offset != 10 {
		return fmt.Errorf("start offset of %s-0 after deleting records below 10: %d", topic, o.Offset)
	}
	if o, _ := starts.Lookup(topic, 1); o.Offset != 0 {
		return fmt.Errorf("start offset of %s-1: %d, want 0", topic, o.Offset)
	}

	m, err := adm.Metadata(ctx, topic)
	if err != nil {
		return err
	}
	epochs := kadm.OffsetForLeaderEpochRequest{topic: {}}
	for _, p := range m.Topics[topic].Partitions {
		epochs[topic][p.Partition] = p.LeaderEpoch
	}
	ofle, err := adm.OffsetForLeaderEpoch(ctx, epochs)
	if err != nil {
		return fmt.Errorf("offset for leader epoch: %w", err)
	}
	for p, want := range ends {
		got := ofle[topic][p]
		if got.Err != nil || got.EndOffset != want || got.LeaderEpoch != epochs[topic][p] {
			return fmt.Errorf("offset for leader epoch %d of %s-%d: epoch %d end %d err %v, want end %d",
				epochs[topic][p], topic, p, got.LeaderEpoch, got.EndOffset, got.Err, want)
		}
	}

	set := kadm.TopicsSet{}
	set.Add(topic, 0, 1, 2, 3)
	elected, err := adm.ElectLeaders(ctx, kadm.ElectPreferredReplica, set)
	if err != nil {
		return fmt.Errorf("elect leaders: %w", err)
	}
	for p := int32(0); p < 4; p++ {
		r, ok := elected[topic][p]
		if !ok || (r.Err != nil && !errors.Is(r.Err, kerr.ElectionNotNeeded)) {
			return fmt.Errorf("elect preferred leader of %s-%d: %v %v (%s)", topic, p, ok, r.Err, r.ErrMessage)
		}
	}
	reassigning, err := adm.ListPartitionReassignments(ctx, set)
	if err != nil {
		return fmt.Errorf("list partition reassignments: %w", err)
	}
	if len(reassigning[topic]) != 0 {
		return fmt.Errorf("partitions of %s being reassigned: %v", topic, reassigning[topic])
	}

	var commit kadm.Offsets
	commit.AddOffset(topic, 1, 5, -1)
	committed, err := adm.CommitOffsets(ctx, group, commit)
	if err != nil || committed.Error() != nil {
		return fmt.Errorf("admin commit: %v %v", err, committed.Error())
	}
	removed, err := adm.DeleteOffsets(ctx, group, kadm.TopicsSet{topic: {2: {}}})
	if err != nil || removed.Error() != nil {
		return fmt.Errorf("delete offsets: %v %v", err, removed.Error())
	}
	offsets, err := adm.FetchOffsets(ctx, group)
	if err != nil || offsets.Error() != nil {
		return fmt.Errorf("fetch offsets: %v %v", err, offsets.Error())
	}
	got := map[int32]int64{}
	for _, o := range offsets[topic] {
		got[o.Partition] = o.At
	}
	want := map[int32]int64{}
	for p, o := range ends {
		want[p] = o
	}
	want[1] = 5
	delete(want, 2)
	if err := check.SameOffsets("offsets after an admin commit and delete", got, want); err != nil {
		return err
	}
	fmt.Printf("  lag 0, offsets by time, delete records, leader epochs, preferred election, reassignments, admin commit and offset delete: %v\n", got)
	return nil
}
