// Command sarama drives IBM Sarama (ClusterAdmin, an idempotent SyncProducer and a classic
// ConsumerGroup) against a Brook cluster, once per Kafka version Sarama is configured for: the
// version picks the protocol versions Sarama sends, so an old one exercises old request versions.
//
// Usage: sarama <bootstrap servers> <replication factor>
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/IBM/sarama"

	"dev.brook/compat/clients/go/internal/check"
)

const (
	firstBatch  = 500
	secondBatch = 50
)

// kafkaPass is one run of the whole program: Sarama configured for a Kafka version (which picks
// the protocol versions it sends) producing with a compression codec (Sarama's own encoders; the
// broker decompresses every batch to validate it).
type kafkaPass struct {
	name        string
	version     sarama.KafkaVersion
	compression sarama.CompressionCodec
}

// passes are newest first: a recent Kafka, Sarama's default, and an old one (Produce v6, Fetch
// v8, Metadata v5, JoinGroup v3, OffsetCommit v4, ListOffsets v3: the version whose answer once
// could not be encoded and was never sent).
var passes = []kafkaPass{
	{"4.1.0", sarama.V4_1_0_0, sarama.CompressionZSTD},
	{"default " + sarama.DefaultVersion.String(), sarama.DefaultVersion, sarama.CompressionNone},
	{"2.0.0", sarama.V2_0_0_0, sarama.CompressionLZ4},
}

func main() {
	args := check.ParseArgs()
	if os.Getenv("BROOK_COMPAT_DEBUG") != "" {
		sarama.Logger = log.New(os.Stdout, "[sarama] ", log.Lmicroseconds)
	}
	if env := os.Getenv("BROOK_COMPAT_SARAMA_VERSIONS"); env != "" {
		// For exploring other versions and codecs by hand, e.g.
		// BROOK_COMPAT_SARAMA_VERSIONS=1.0.0,2.0.0/gzip (codecs none, gzip, snappy, lz4, zstd)
		passes = passes[:0]
		for _, spec := range strings.Split(env, ",") {
			name, codec, _ := strings.Cut(spec, "/")
			v, err := sarama.ParseKafkaVersion(name)
			if err != nil {
				check.Fail("BROOK_COMPAT_SARAMA_VERSIONS: %v", err)
			}
			pass := kafkaPass{name: spec, version: v}
			if codec != "" {
				if err := pass.compression.UnmarshalText([]byte(codec)); err != nil {
					check.Fail("BROOK_COMPAT_SARAMA_VERSIONS: %v", err)
				}
			}
			passes = append(passes, pass)
		}
	}
	var done []string
	for _, p := range passes {
		fmt.Printf("=== Sarama configured for Kafka %s, compression %s\n", p.name, p.compression)
		run(args, p)
		done = append(done, p.name+"/"+p.compression.String())
	}
	fmt.Printf("OK sarama (Kafka versions/codecs %v): admin, idempotent acks=all produce of %d+%d records, consumer group read back and resumed at its commit, rf %d\n",
		done, firstBatch, secondBatch, args.ReplicationFactor)
}

type pass struct {
	brokers []string
	rf      int
	topic   string
	group   string
	config  *sarama.Config
	client  sarama.Client
	admin   sarama.ClusterAdmin
	ids     map[int32]bool
}

func run(args check.Args, kp kafkaPass) {
	name := kp.name
	config := sarama.NewConfig()
	config.Version = kp.version
	config.Producer.Compression = kp.compression
	config.ClientID = "brook-compat-sarama"
	config.Net.MaxOpenRequests = 1
	config.Producer.Idempotent = true
	config.Producer.RequiredAcks = sarama.WaitForAll
	config.Producer.Return.Successes = true
	config.Producer.Retry.Max = 5
	config.Consumer.Offsets.Initial = sarama.OffsetOldest
	config.Consumer.Offsets.AutoCommit.Enable = false
	config.Consumer.Return.Errors = true
	config.Consumer.MaxWaitTime = 500 * time.Millisecond
	config.Metadata.RefreshFrequency = 2 * time.Second
	if err := config.Validate(); err != nil {
		check.Fail("config: %v", err)
	}
	p := &pass{
		brokers: args.Brokers,
		rf:      args.ReplicationFactor,
		topic:   check.UniqueName("sarama", "topic"),
		group:   check.UniqueName("sarama", "group"),
		config:  config,
		ids:     map[int32]bool{},
	}
	fmt.Printf("sarama (Kafka %s) against %v, topic %s, group %s, replication factor %d\n", name, p.brokers, p.topic, p.group, p.rf)
	check.Phase("cluster", p.cluster)
	defer p.admin.Close()
	admin := p.admin
	check.Phase("create topic", p.createTopic)
	check.Phase("describe configs", p.describeConfigs)
	check.Phase("create partitions", func(ctx context.Context) error {
		if err := admin.CreatePartitions(p.topic, 4, nil, false); err != nil {
			return fmt.Errorf("grow %s to 4 partitions: %w", p.topic, err)
		}
		return p.awaitPartitions(ctx, 4)
	})

	producer, err := sarama.NewSyncProducer(p.brokers, config)
	if err != nil {
		check.Fail("producer: %v", err)
	}
	defer producer.Close()
	var ledger *check.Ledger
	check.Phase("produce", func(ctx context.Context) error {
		acked, err := produce(producer, p.topic, check.Records("sarama", 0, firstBatch))
		if err != nil {
			return err
		}
		ledger, err = check.NewLedger(acked)
		fmt.Printf("  %d records acknowledged (acks=all, idempotent): %s\n", len(acked), check.PartitionCounts(acked))
		return err
	})

	check.Phase("consume in group", func(ctx context.Context) error {
		got, err := p.consume(ctx, firstBatch, func() error { return p.describeGroup("Stable", 1) })
		if err != nil {
			return err
		}
		if err := ledger.Verify(got, 0, firstBatch); err != nil {
			return err
		}
		fmt.Printf("  consumed and verified %d records (%s), committed\n", len(got), check.PartitionCounts(got))
		return nil
	})

	check.Phase("committed offsets", func(ctx context.Context) error {
		return p.checkCommitted(ledger.EndOffsets())
	})

	check.Phase("resume from commit", func(ctx context.Context) error {
		acked, err := produce(producer, p.topic, check.Records("sarama", firstBatch, secondBatch))
		if err != nil {
			return err
		}
		if err := ledger.Add(acked); err != nil {
			return err
		}
		again, err := p.consume(ctx, secondBatch, nil)
		if err != nil {
			return err
		}
		if err := ledger.Verify(again, firstBatch, firstBatch+secondBatch); err != nil {
			return fmt.Errorf("second member of the group: %w", err)
		}
		fmt.Printf("  the group resumed at its commit: exactly the %d new records\n", len(again))
		if err := p.describeGroup("Empty", 0); err != nil {
			return err
		}
		return p.checkCommitted(ledger.EndOffsets())
	})

	// Sarama refuses requests newer than the Kafka it is configured for: IncrementalAlterConfigs
	// came with 2.3, ElectLeaders 2.2, ListPartitionReassignments and OffsetDelete 2.4.
	if config.Version.IsAtLeast(sarama.V2_3_0_0) {
		check.Phase("alter configs", p.alterConfigs)
	}
	check.Phase("offsets admin", func(ctx context.Context) error {
		return p.offsetsAdmin(ctx, ledger.EndOffsets())
	})
	check.Phase("delete group", func(ctx context.Context) error {
		if err := admin.DeleteConsumerGroup(p.group); err != nil {
			return fmt.Errorf("delete group %s: %w", p.group, err)
		}
		groups, err := admin.ListConsumerGroups()
		if err != nil {
			return err
		}
		if _, ok := groups[p.group]; ok {
			return fmt.Errorf("group %s still listed after its deletion", p.group)
		}
		fmt.Printf("  group %s deleted\n", p.group)
		return nil
	})

	check.Phase("delete topic", func(ctx context.Context) error {
		if err := admin.DeleteTopic(p.topic); err != nil {
			return fmt.Errorf("delete %s: %w", p.topic, err)
		}
		return check.Eventually(ctx, "topic gone", func() error {
			topics, err := admin.ListTopics()
			if err != nil {
				return err
			}
			if _, ok := topics[p.topic]; ok {
				return fmt.Errorf("%s still listed", p.topic)
			}
			return nil
		})
	})
}

// cluster creates the admin client and waits for every broker to be listed (a broker answers
// Metadata before it registered, with no brokers at all right after its start, which fails the
// client's creation) and checks the controller is one of them.
func (p *pass) cluster(ctx context.Context) error {
	return check.Eventually(ctx, "every broker listed", func() error {
		if p.admin == nil {
			client, err := sarama.NewClient(p.brokers, p.config)
			if err != nil {
				return fmt.Errorf("client: %w", err)
			}
			admin, err := sarama.NewClusterAdminFromClient(client)
			if err != nil {
				client.Close()
				return fmt.Errorf("cluster admin: %w", err)
			}
			p.client, p.admin = client, admin
		}
		brokers, controller, err := p.admin.DescribeCluster()
		if err != nil {
			return err
		}
		ids := make([]int, 0, len(brokers))
		for _, b := range brokers {
			p.ids[b.ID()] = true
			ids = append(ids, int(b.ID()))
			if b.Addr() == "" {
				return fmt.Errorf("broker %d without address", b.ID())
			}
		}
		sort.Ints(ids)
		if len(brokers) != p.rf {
			return fmt.Errorf("cluster lists brokers %v, want %d", ids, p.rf)
		}
		if !p.ids[controller] {
			return fmt.Errorf("controller %d is not a listed broker %v", controller, ids)
		}
		fmt.Printf("  cluster: controller %d, brokers %v\n", controller, ids)
		return nil
	})
}

func (p *pass) createTopic(ctx context.Context) error {
	detail := &sarama.TopicDetail{NumPartitions: 3, ReplicationFactor: int16(p.rf)}
	if err := p.admin.CreateTopic(p.topic, detail, false); err != nil {
		return fmt.Errorf("create %s: %w", p.topic, err)
	}
	if err := p.awaitPartitions(ctx, 3); err != nil {
		return err
	}
	// DescribeTopics asks the controller, ListTopics any broker, which may learn of the topic a
	// little later.
	return check.Eventually(ctx, "topic listed", func() error {
		topics, err := p.admin.ListTopics()
		if err != nil {
			return fmt.Errorf("list topics: %w", err)
		}
		listed, ok := topics[p.topic]
		if !ok || listed.NumPartitions != 3 || int(listed.ReplicationFactor) != p.rf {
			return fmt.Errorf("list topics: %s listed %v with %+v", p.topic, ok, listed)
		}
		fmt.Printf("  listed among %d topics: %d partitions, rf %d\n", len(topics), listed.NumPartitions, listed.ReplicationFactor)
		return nil
	})
}

// awaitPartitions waits until DescribeTopics (which asks the controller) shows the topic with its
// partitions all led and fully replicated, and then every broker's own Metadata answer: a broker
// learns of a change from the metadata quorum a little after the controller answered the admin
// request.
func (p *pass) awaitPartitions(ctx context.Context, partitions int) error {
	start := time.Now()
	var parts []check.Partition
	err := check.Eventually(ctx, fmt.Sprintf("%s described with %d led partitions", p.topic, partitions), func() error {
		described, err := p.admin.DescribeTopics([]string{p.topic})
		if err != nil {
			return err
		}
		if len(described) != 1 || described[0].Name != p.topic {
			return fmt.Errorf("described %d topics for %s", len(described), p.topic)
		}
		parts, err = neutralPartitions(described[0])
		if err != nil {
			return err
		}
		return check.Partitions(p.topic, parts, partitions, p.rf, p.ids)
	})
	if err != nil {
		return err
	}
	check.PrintPartitions(p.topic, parts)
	for _, b := range p.client.Brokers() {
		err := check.Eventually(ctx, fmt.Sprintf("broker %d shows %s with %d partitions", b.ID(), p.topic, partitions), func() error {
			if err := b.Open(p.config); err != nil && !errors.Is(err, sarama.ErrAlreadyConnected) {
				return err
			}
			resp, err := b.GetMetadata(sarama.NewMetadataRequest(p.config.Version, []string{p.topic}))
			if err != nil {
				return err
			}
			if len(resp.Topics) != 1 {
				return fmt.Errorf("%d topics in the answer", len(resp.Topics))
			}
			seen, err := neutralPartitions(resp.Topics[0])
			if err != nil {
				return err
			}
			return check.Partitions(p.topic, seen, partitions, p.rf, p.ids)
		})
		if err != nil {
			return err
		}
	}
	fmt.Printf("  every broker's metadata agrees after %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

func neutralPartitions(t *sarama.TopicMetadata) ([]check.Partition, error) {
	if !errors.Is(t.Err, sarama.ErrNoError) {
		return nil, fmt.Errorf("%s: %w", t.Name, t.Err)
	}
	parts := make([]check.Partition, 0, len(t.Partitions))
	for _, pm := range t.Partitions {
		var err error
		if !errors.Is(pm.Err, sarama.ErrNoError) {
			err = pm.Err
		}
		parts = append(parts, check.Partition{ID: pm.ID, Leader: pm.Leader, Replicas: pm.Replicas, ISR: pm.Isr, Err: err})
	}
	return parts, nil
}

func (p *pass) describeConfigs(ctx context.Context) error {
	entries, err := p.admin.DescribeConfig(sarama.ConfigResource{Type: sarama.TopicResource, Name: p.topic})
	if err != nil {
		return fmt.Errorf("describe configs of %s: %w", p.topic, err)
	}
	values := map[string]string{}
	for _, e := range entries {
		values[e.Name] = e.Value
	}
	return check.TopicConfigs(values)
}

func produce(producer sarama.SyncProducer, topic string, records []check.Record) ([]check.Record, error) {
	msgs := make([]*sarama.ProducerMessage, 0, len(records))
	for _, r := range records {
		m := &sarama.ProducerMessage{Topic: topic, Key: sarama.StringEncoder(r.Key), Value: sarama.StringEncoder(r.Value)}
		for _, h := range r.Headers {
			m.Headers = append(m.Headers, sarama.RecordHeader{Key: []byte(h.Key), Value: []byte(h.Value)})
		}
		msgs = append(msgs, m)
	}
	if err := producer.SendMessages(msgs); err != nil {
		var perrs sarama.ProducerErrors
		if errors.As(err, &perrs) && len(perrs) > 0 {
			return nil, fmt.Errorf("%d of %d records failed, first: %w", len(perrs), len(msgs), perrs[0].Err)
		}
		return nil, err
	}
	acked := make([]check.Record, 0, len(msgs))
	for i, m := range msgs {
		r := records[i]
		r.Partition, r.Offset = m.Partition, m.Offset
		acked = append(acked, r)
	}
	return acked, nil
}

// collector is a ConsumerGroupHandler that marks every message it hands on and remembers the
// session, so that the program commits once it has everything.
type collector struct {
	records chan check.Record
	mu      sync.Mutex
	session sarama.ConsumerGroupSession
}

func (c *collector) Setup(s sarama.ConsumerGroupSession) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.session = s
	return nil
}

func (c *collector) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (c *collector) ConsumeClaim(s sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for {
		select {
		case m, ok := <-claim.Messages():
			if !ok {
				return nil
			}
			r := check.Record{Partition: m.Partition, Offset: m.Offset, Key: string(m.Key), Value: string(m.Value)}
			for _, h := range m.Headers {
				r.Headers = append(r.Headers, check.Header{Key: string(h.Key), Value: string(h.Value)})
			}
			s.MarkMessage(m, "")
			select {
			case c.records <- r:
			case <-s.Context().Done():
				return nil
			}
		case <-s.Context().Done():
			return nil
		}
	}
}

// consume joins the group, collects want records, then waits 1.5 s for anything more (an old
// record delivered again would show there), commits what it marked, runs whileMember (if any)
// while still in the group, and leaves.
func (p *pass) consume(ctx context.Context, want int, whileMember func() error) ([]check.Record, error) {
	group, err := sarama.NewConsumerGroup(p.brokers, p.group, p.config)
	if err != nil {
		return nil, fmt.Errorf("consumer group: %w", err)
	}
	defer group.Close()
	c := &collector{records: make(chan check.Record, 64)}
	consumeCtx, stop := context.WithCancel(ctx)
	defer stop()
	failed := make(chan error, 16)
	go func() {
		for consumeCtx.Err() == nil {
			if err := group.Consume(consumeCtx, []string{p.topic}, c); err != nil {
				failed <- fmt.Errorf("consume: %w", err)
				return
			}
		}
	}()
	go func() {
		for err := range group.Errors() {
			failed <- err
		}
	}()
	var got []check.Record
	quiet := time.NewTimer(time.Hour)
	for waiting := true; waiting; {
		select {
		case r := <-c.records:
			got = append(got, r)
			if len(got) == want {
				quiet.Reset(1500 * time.Millisecond)
			}
		case <-quiet.C:
			waiting = false
		case err := <-failed:
			return nil, err
		case <-ctx.Done():
			return nil, fmt.Errorf("consumed %d of %d records before the deadline", len(got), want)
		}
	}
	c.mu.Lock()
	c.session.Commit()
	c.mu.Unlock()
	select {
	case err := <-failed:
		return nil, fmt.Errorf("after commit: %w", err)
	default:
	}
	if whileMember != nil {
		if err := whileMember(); err != nil {
			return nil, err
		}
	}
	stop()
	if err := group.Close(); err != nil {
		return nil, fmt.Errorf("leave group: %w", err)
	}
	return got, nil
}

// describeGroup checks ListConsumerGroups and DescribeConsumerGroups: the group listed as a
// consumer group, in the given state, with that many members which (when there are any) are
// assigned every partition of the topic.
func (p *pass) describeGroup(state string, members int) error {
	groups, err := p.admin.ListConsumerGroups()
	if err != nil {
		return fmt.Errorf("list consumer groups: %w", err)
	}
	if groups[p.group] != "consumer" {
		return fmt.Errorf("list consumer groups: %s has protocol type %q (%d groups)", p.group, groups[p.group], len(groups))
	}
	described, err := p.admin.DescribeConsumerGroups([]string{p.group})
	if err != nil {
		return fmt.Errorf("describe consumer groups: %w", err)
	}
	if len(described) != 1 || !errors.Is(described[0].Err, sarama.ErrNoError) {
		return fmt.Errorf("describe consumer groups: %d groups, %v", len(described), described)
	}
	d := described[0]
	if d.GroupId != p.group || d.State != state || len(d.Members) != members {
		return fmt.Errorf("group %s: state %s with %d members, want %s with %d", d.GroupId, d.State, len(d.Members), state, members)
	}
	assigned := 0
	for id, m := range d.Members {
		a, err := m.GetMemberAssignment()
		if err != nil {
			return fmt.Errorf("member %s assignment: %w", id, err)
		}
		for topic, parts := range a.Topics {
			if topic != p.topic {
				return fmt.Errorf("member %s assigned %s", id, topic)
			}
			assigned += len(parts)
		}
	}
	if members > 0 && (assigned != 4 || d.ProtocolType != "consumer" || d.Protocol == "") {
		return fmt.Errorf("group %s: %d partitions assigned, protocol type %q protocol %q; want 4", p.group, assigned, d.ProtocolType, d.Protocol)
	}
	fmt.Printf("  group %s listed and described: %s, %d members, protocol %q\n", p.group, d.State, len(d.Members), d.Protocol)
	return nil
}

// checkCommitted fetches the group's committed offsets with the admin client and compares them
// with where the consumer stopped, and with the newest offsets ListOffsets gives.
func (p *pass) checkCommitted(want map[int32]int64) error {
	parts := []int32{0, 1, 2, 3}
	resp, err := p.admin.ListConsumerGroupOffsets(p.group, map[string][]int32{p.topic: parts})
	if err != nil {
		return fmt.Errorf("list consumer group offsets: %w", err)
	}
	if !errors.Is(resp.Err, sarama.ErrNoError) {
		return fmt.Errorf("list consumer group offsets: %w", resp.Err)
	}
	client, err := sarama.NewClient(p.brokers, p.config)
	if err != nil {
		return fmt.Errorf("client: %w", err)
	}
	defer client.Close()
	committed, newest := map[int32]int64{}, map[int32]int64{}
	for _, part := range parts {
		block := resp.GetBlock(p.topic, part)
		if block == nil || !errors.Is(block.Err, sarama.ErrNoError) {
			return fmt.Errorf("committed offset of %s-%d: %+v", p.topic, part, block)
		}
		if block.Offset >= 0 {
			committed[part] = block.Offset
		}
		end, err := client.GetOffset(p.topic, part, sarama.OffsetNewest)
		if err != nil {
			return fmt.Errorf("newest offset of %s-%d: %w", p.topic, part, err)
		}
		newest[part] = end
	}
	if err := check.SameOffsets("committed offsets", committed, want); err != nil {
		return err
	}
	if err := check.SameOffsets("newest offsets", newest, want); err != nil {
		return err
	}
	fmt.Printf("  committed offsets of %s = newest offsets: %v\n", p.group, committed)
	return nil
}

// alterConfigs sets and then removes a topic override with IncrementalAlterConfigs and waits for
// DescribeConfigs to show each change with its source (the broker answering may learn of the
// change a little after the controller made it).
func (p *pass) alterConfigs(ctx context.Context) error {
	resource := sarama.ConfigResource{Type: sarama.TopicResource, Name: p.topic}
	step := func(what string, op sarama.IncrementalAlterConfigsOperation, value *string, want string, source sarama.ConfigSource) error {
		entries := map[string]sarama.IncrementalAlterConfigsEntry{"retention.ms": {Operation: op, Value: value}}
		if err := p.admin.IncrementalAlterConfig(sarama.TopicResource, p.topic, entries, false); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		start := time.Now()
		return check.Eventually(ctx, what, func() error {
			configs, err := p.admin.DescribeConfig(resource)
			if err != nil {
				return err
			}
			for _, c := range configs {
				if c.Name == "retention.ms" {
					if c.Value != want || c.Source != source {
						return fmt.Errorf("%s: retention.ms=%s from %s", what, c.Value, c.Source)
					}
					fmt.Printf("  %s: retention.ms=%s (%s) after %s\n", what, c.Value, c.Source, time.Since(start).Round(time.Millisecond))
					return nil
				}
			}
			return errors.New("no retention.ms")
		})
	}
	hour := "3600000"
	if err := step("override set", sarama.IncrementalAlterConfigsOperationSet, &hour, hour, sarama.SourceTopic); err != nil {
		return err
	}
	return step("override removed", sarama.IncrementalAlterConfigsOperationDelete, nil, "604800000", sarama.SourceDefault)
}

// offsetsAdmin exercises the offset APIs an operator uses on an empty group: offsets by time,
// DeleteRecords and the oldest offsets it moves, a preferred leader election, the list of
// reassignments and deleting a committed offset.
func (p *pass) offsetsAdmin(ctx context.Context, ends map[int32]int64) error {
	client, err := sarama.NewClient(p.brokers, p.config)
	if err != nil {
		return fmt.Errorf("client: %w", err)
	}
	defer client.Close()
	for part := range ends {
		first, err := client.GetOffset(p.topic, part, 0)
		if err != nil || first != 0 {
			return fmt.Errorf("first offset at or after time 0 in %s-%d: %d %v, want 0", p.topic, part, first, err)
		}
	}
	if err := p.admin.DeleteRecords(p.topic, map[int32]int64{0: 10}); err != nil {
		return fmt.Errorf("delete records below 10 in %s-0: %w", p.topic, err)
	}
	for part, want := range map[int32]int64{0: 10, 1: 0} {
		oldest, err := client.GetOffset(p.topic, part, sarama.OffsetOldest)
		if err != nil || oldest != want {
			return fmt.Errorf("oldest offset of %s-%d after deleting records below 10 in partition 0: %d %v, want %d", p.topic, part, oldest, err, want)
		}
	}
	all := []int32{0, 1, 2, 3}
	if !p.config.Version.IsAtLeast(sarama.V2_4_0_0) {
		fmt.Println("  offsets by time and delete records")
		return nil
	}
	elected, err := p.admin.ElectLeaders(sarama.PreferredElection, map[string][]int32{p.topic: all})
	if err != nil {
		return fmt.Errorf("elect leaders: %w", err)
	}
	for _, part := range all {
		r := elected[p.topic][part]
		if r == nil || !(errors.Is(r.ErrorCode, sarama.ErrNoError) || errors.Is(r.ErrorCode, sarama.ErrElectionNotNeeded)) {
			return fmt.Errorf("elect preferred leader of %s-%d: %+v", p.topic, part, r)
		}
	}
	reassigning, err := p.admin.ListPartitionReassignments(p.topic, all)
	if err != nil {
		return fmt.Errorf("list partition reassignments: %w", err)
	}
	if len(reassigning[p.topic]) != 0 {
		return fmt.Errorf("partitions of %s being reassigned: %v", p.topic, reassigning[p.topic])
	}
	if err := p.admin.DeleteConsumerGroupOffset(p.group, p.topic, 2); err != nil {
		return fmt.Errorf("delete the offset of %s-2: %w", p.topic, err)
	}
	resp, err := p.admin.ListConsumerGroupOffsets(p.group, map[string][]int32{p.topic: all})
	if err != nil {
		return fmt.Errorf("list consumer group offsets: %w", err)
	}
	for _, part := range all {
		want := ends[part]
		if part == 2 {
			want = -1
		}
		if b := resp.GetBlock(p.topic, part); b == nil || b.Offset != want {
			return fmt.Errorf("committed offset of %s-%d after deleting partition 2's: %+v, want %d", p.topic, part, b, want)
		}
	}
	fmt.Println("  offsets by time, delete records, preferred election, reassignments and offset delete")
	return nil
}
