package check

import (
	"strings"
	"testing"
)

// acked gives records partitions and offsets as a broker would: round robin over two partitions.
func acked(from, count int) []Record {
	records := Records("test", from, count)
	next := map[int32]int64{}
	for i := range records {
		p := int32(i % 2)
		records[i].Partition, records[i].Offset = p, next[p]
		next[p]++
	}
	return records
}

func TestVerifyAcceptsExactlyTheProducedRecords(t *testing.T) {
	produced := acked(0, 10)
	ledger, err := NewLedger(produced)
	if err != nil {
		t.Fatal(err)
	}
	if err := ledger.Verify(produced, 0, 10); err != nil {
		t.Fatal(err)
	}
	if got := ledger.EndOffsets(); got[0] != 5 || got[1] != 5 {
		t.Fatalf("end offsets %v", got)
	}
}

func TestVerifyRejects(t *testing.T) {
	produced := acked(0, 10)
	ledger, _ := NewLedger(produced)
	cases := map[string]func([]Record) []Record{
		"missing":           func(r []Record) []Record { return r[:9] },
		"consumed twice":    func(r []Record) []Record { return append(r, r[3]) },
		"out of range":      func(r []Record) []Record { return r[2:] },
		"value differs":     func(r []Record) []Record { r[4].Value = "other"; return r },
		"header differs":    func(r []Record) []Record { r[4].Headers = r[4].Headers[:1]; return r },
		"wrong offset":      func(r []Record) []Record { r[4].Offset = 99; return r },
		"partition reorder": func(r []Record) []Record { r[0], r[2] = r[2], r[0]; return r },
	}
	for name, mutate := range cases {
		consumed := mutate(append([]Record(nil), acked(0, 10)...))
		from := 0
		if name == "out of range" {
			from = 2
			consumed = append(consumed, produced[0]) // one before the range
		}
		if err := ledger.Verify(consumed, from, 10); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestPartitionsRejectsBadPlacement(t *testing.T) {
	brokers := map[int32]bool{1: true, 2: true, 3: true}
	good := []Partition{{ID: 0, Leader: 1, Replicas: []int32{1, 2, 3}, ISR: []int32{1, 2, 3}}}
	if err := Partitions("t", good, 1, 3, brokers); err != nil {
		t.Fatal(err)
	}
	bad := map[string]Partition{
		"leader outside":   {ID: 0, Leader: 4, Replicas: []int32{1, 2, 3}, ISR: []int32{1, 2, 3}},
		"repeated replica": {ID: 0, Leader: 1, Replicas: []int32{1, 1, 3}, ISR: []int32{1, 3}},
		"isr short":        {ID: 0, Leader: 1, Replicas: []int32{1, 2, 3}, ISR: []int32{1}},
		"unknown broker":   {ID: 0, Leader: 1, Replicas: []int32{1, 2, 7}, ISR: []int32{1, 2, 7}},
	}
	for name, p := range bad {
		if err := Partitions("t", []Partition{p}, 1, 3, brokers); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := Partitions("t", good, 2, 3, brokers); err == nil || !strings.Contains(err.Error(), "partitions") {
		t.Errorf("wrong count accepted: %v", err)
	}
}
