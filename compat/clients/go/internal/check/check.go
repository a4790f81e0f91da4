// Package check holds what the Go client programs share: their arguments, bounded phases, retries
// until a deadline, the records they produce and the verification of what they consume back.
// Nothing here talks to a broker; each program maps its client's types onto these.
package check

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// PhaseTimeout bounds every phase of a program: a phase still waiting after it has failed.
const PhaseTimeout = 60 * time.Second

// Args are the program's two arguments: the bootstrap servers and the replication factor of the
// topics it creates (also the number of brokers it expects in the cluster).
type Args struct {
	Brokers           []string
	ReplicationFactor int
}

// ParseArgs reads {@code <bootstrap> <replicationFactor>} from the command line, exiting with
// status 2 on a usage error.
func ParseArgs() Args {
	if len(os.Args) != 3 {
		fmt.Fprintf(os.Stderr, "usage: %s <bootstrap servers> <replication factor>\n", os.Args[0])
		os.Exit(2)
	}
	rf, err := strconv.Atoi(os.Args[2])
	if err != nil || rf < 1 {
		fmt.Fprintf(os.Stderr, "replication factor %q is not a positive number\n", os.Args[2])
		os.Exit(2)
	}
	return Args{Brokers: strings.Split(os.Args[1], ","), ReplicationFactor: rf}
}

// Fail prints the error and ends the program with status 1.
func Fail(format string, args ...any) {
	fmt.Printf("FAILED "+format+"\n", args...)
	os.Exit(1)
}

// Phase runs one bounded step: fn gets a context that expires after PhaseTimeout; an error (or
// the deadline) fails the program, naming the phase.
func Phase(name string, fn func(ctx context.Context) error) {
	ctx, cancel := context.WithTimeout(context.Background(), PhaseTimeout)
	defer cancel()
	start := time.Now()
	fmt.Printf("phase %s ...\n", name)
	if err := fn(ctx); err != nil {
		Fail("phase %s after %s: %v", name, time.Since(start).Round(time.Millisecond), err)
	}
	fmt.Printf("phase %s done in %s\n", name, time.Since(start).Round(time.Millisecond))
}

// Eventually calls fn every 200 ms until it returns nil or ctx expires; then it returns fn's last
// error. For states the cluster reaches asynchronously (leaders elected, a topic gone).
func Eventually(ctx context.Context, what string, fn func() error) error {
	for {
		err := fn()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: still not true at the deadline: %w", what, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// UniqueName is a topic or group name no other run uses.
func UniqueName(client, what string) string {
	return fmt.Sprintf("brook-%s-%s-%d", client, what, time.Now().UnixNano())
}

// Header is one record header.
type Header struct {
	Key   string
	Value string
}

// Record is what a program produced or consumed, in the client's neutral form. Partition and
// Offset are those the broker acknowledged (produce) or delivered (consume).
type Record struct {
	Partition int32
	Offset    int64
	Key       string
	Value     string
	Headers   []Header
}

// Seq is the record's sequence number, from its "seq" header (-1 when missing).
func (r Record) Seq() int {
	for _, h := range r.Headers {
		if h.Key == "seq" {
			if n, err := strconv.Atoi(h.Value); err == nil {
				return n
			}
		}
	}
	return -1
}

// Records are count records starting at sequence number from, keyed on 20 distinct keys so that
// every partition gets several, each carrying two headers (its sequence number and the client).
func Records(client string, from, count int) []Record {
	records := make([]Record, 0, count)
	for i := from; i < from+count; i++ {
		records = append(records, Record{
			Partition: -1,
			Offset:    -1,
			Key:       fmt.Sprintf("key-%d", i%20),
			Value:     fmt.Sprintf("value-%d-%s", i, strings.Repeat("x", i%50)),
			Headers:   []Header{{"seq", strconv.Itoa(i)}, {"client", client}},
		})
	}
	return records
}

// Ledger is what a program produced, as acknowledged, to verify what it consumes back.
type Ledger struct {
	bySeq map[int]Record
}

// NewLedger records acknowledged records; each must have a partition, an offset and a sequence
// number, and no two may share one.
func NewLedger(acked []Record) (*Ledger, error) {
	l := &Ledger{bySeq: map[int]Record{}}
	return l, l.Add(acked)
}

// Add records more acknowledged records.
func (l *Ledger) Add(acked []Record) error {
	for _, r := range acked {
		if r.Partition < 0 || r.Offset < 0 {
			return fmt.Errorf("record %d acknowledged without a partition/offset (%d/%d)", r.Seq(), r.Partition, r.Offset)
		}
		if _, dup := l.bySeq[r.Seq()]; dup || r.Seq() < 0 {
			return fmt.Errorf("record with seq %d acknowledged twice or without seq", r.Seq())
		}
		l.bySeq[r.Seq()] = r
	}
	return nil
}

// EndOffsets are, per partition, one past the highest acknowledged offset: where a consumer that
// read everything commits.
func (l *Ledger) EndOffsets() map[int32]int64 {
	ends := map[int32]int64{}
	for _, r := range l.bySeq {
		if r.Offset+1 > ends[r.Partition] {
			ends[r.Partition] = r.Offset + 1
		}
	}
	return ends
}

// Verify checks consumed against the acknowledged records with sequence numbers in [from, to):
// exactly those, each once, at the partition and offset the broker acknowledged, with the same
// key, value and headers, and in each partition in offset order and in the order they were
// produced.
func (l *Ledger) Verify(consumed []Record, from, to int) error {
	seen := map[int]bool{}
	lastOffset := map[int32]int64{}
	lastSeq := map[int32]int{}
	for _, c := range consumed {
		seq := c.Seq()
		want, ok := l.bySeq[seq]
		if !ok || seq < from || seq >= to {
			return fmt.Errorf("consumed record seq %d at %d/%d was not expected in [%d, %d)", seq, c.Partition, c.Offset, from, to)
		}
		if seen[seq] {
			return fmt.Errorf("record seq %d consumed twice (second at %d/%d)", seq, c.Partition, c.Offset)
		}
		seen[seq] = true
		if c.Partition != want.Partition || c.Offset != want.Offset {
			return fmt.Errorf("record seq %d consumed at %d/%d, acknowledged at %d/%d", seq, c.Partition, c.Offset, want.Partition, want.Offset)
		}
		if c.Key != want.Key || c.Value != want.Value {
			return fmt.Errorf("record seq %d: key/value %q/%q, produced %q/%q", seq, c.Key, c.Value, want.Key, want.Value)
		}
		if fmt.Sprint(c.Headers) != fmt.Sprint(want.Headers) {
			return fmt.Errorf("record seq %d: headers %v, produced %v", seq, c.Headers, want.Headers)
		}
		if last, ok := lastOffset[c.Partition]; ok && c.Offset <= last {
			return fmt.Errorf("partition %d: offset %d delivered after %d", c.Partition, c.Offset, last)
		}
		if last, ok := lastSeq[c.Partition]; ok && seq <= last {
			return fmt.Errorf("partition %d: seq %d delivered after seq %d (produce order lost)", c.Partition, seq, last)
		}
		lastOffset[c.Partition], lastSeq[c.Partition] = c.Offset, seq
	}
	if len(seen) != to-from {
		var missing []int
		for s := from; s < to && len(missing) < 10; s++ {
			if !seen[s] {
				missing = append(missing, s)
			}
		}
		return fmt.Errorf("consumed %d of %d records; missing seq %v...", len(seen), to-from, missing)
	}
	return nil
}

// PartitionCounts are the number of records per partition, sorted by partition, for printing.
func PartitionCounts(records []Record) string {
	counts := map[int32]int{}
	for _, r := range records {
		counts[r.Partition]++
	}
	parts := make([]int32, 0, len(counts))
	for p := range counts {
		parts = append(parts, p)
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i] < parts[j] })
	var b strings.Builder
	for _, p := range parts {
		fmt.Fprintf(&b, " p%d=%d", p, counts[p])
	}
	return strings.TrimSpace(b.String())
}

// SameOffsets checks committed offsets against the expected ones, partition by partition.
func SameOffsets(what string, got, want map[int32]int64) error {
	if len(got) != len(want) {
		return fmt.Errorf("%s: %d partitions %v, want %d %v", what, len(got), got, len(want), want)
	}
	for p, o := range want {
		if got[p] != o {
			return fmt.Errorf("%s: partition %d at %d, want %d (all: %v, want %v)", what, p, got[p], o, got, want)
		}
	}
	return nil
}

// Partition is one partition of a topic as a metadata answer shows it.
type Partition struct {
	ID       int32
	Leader   int32
	Replicas []int32
	ISR      []int32
	Err      error
}

// Partitions checks a topic's partitions as one metadata answer shows them: partitions 0 to
// count-1, each with rf distinct replicas among the cluster's brokers, a leader among them and
// every replica in sync.
func Partitions(topic string, parts []Partition, count, rf int, brokers map[int32]bool) error {
	if len(parts) != count {
		return fmt.Errorf("%s has %d partitions, want %d", topic, len(parts), count)
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].ID < parts[j].ID })
	for i, p := range parts {
		if p.ID != int32(i) {
			return fmt.Errorf("%s: partition %d where %d belongs", topic, p.ID, i)
		}
		if p.Err != nil {
			return fmt.Errorf("%s-%d: %w", topic, p.ID, p.Err)
		}
		if err := replicas(topic, p, rf, brokers); err != nil {
			return err
		}
	}
	return nil
}

// PrintPartitions prints where each partition lives.
func PrintPartitions(topic string, parts []Partition) {
	for _, p := range parts {
		fmt.Printf("  %s-%d leader %d replicas %v isr %v\n", topic, p.ID, p.Leader, p.Replicas, p.ISR)
	}
}

func replicas(topic string, p Partition, rf int, brokers map[int32]bool) error {
	partition, leader, replicas, isr := p.ID, p.Leader, p.Replicas, p.ISR
	if len(replicas) != rf {
		return fmt.Errorf("%s-%d: replicas %v, want %d", topic, partition, replicas, rf)
	}
	distinct := map[int32]bool{}
	for _, r := range replicas {
		if !brokers[r] {
			return fmt.Errorf("%s-%d: replica %d is not a broker of the cluster %v", topic, partition, r, brokers)
		}
		distinct[r] = true
	}
	if len(distinct) != rf {
		return fmt.Errorf("%s-%d: replicas %v repeat a broker", topic, partition, replicas)
	}
	if !distinct[leader] {
		return fmt.Errorf("%s-%d: leader %d not among replicas %v", topic, partition, leader, replicas)
	}
	if len(isr) != rf {
		return fmt.Errorf("%s-%d: isr %v, want all of %v", topic, partition, isr, replicas)
	}
	for _, r := range isr {
		if !distinct[r] {
			return fmt.Errorf("%s-%d: isr member %d not a replica %v", topic, partition, r, replicas)
		}
	}
	return nil
}

// TopicConfigs checks a topic's described configs (name to value): the usual topic-level keys
// present, each with a value, and the delete cleanup policy a new topic gets by default.
func TopicConfigs(values map[string]string) error {
	for _, key := range []string{"cleanup.policy", "retention.ms", "segment.bytes", "min.insync.replicas", "max.message.bytes"} {
		if values[key] == "" {
			return fmt.Errorf("topic configs lack a value for %s (got %d keys)", key, len(values))
		}
	}
	if values["cleanup.policy"] != "delete" {
		return fmt.Errorf("cleanup.policy %q, want delete", values["cleanup.policy"])
	}
	fmt.Printf("  %d configs, cleanup.policy=%s retention.ms=%s min.insync.replicas=%s\n",
		len(values), values["cleanup.policy"], values["retention.ms"], values["min.insync.replicas"])
	return nil
}
