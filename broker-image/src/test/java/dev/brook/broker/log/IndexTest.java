package dev.brook.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexTest {

  @TempDir Path dir;

  @Test
  void shouldFindLargestEntryAtOrBelowTargetWhenLookingUpOffsets() throws Exception {
    OffsetIndex index = new OffsetIndex(new File(dir.toFile(), "a.index"), 100, 800);
    index.append(110, 1000);
    index.append(120, 2000);
    index.append(130, 3000);

    assertThat(index.lookup(99)).isEqualTo(new OffsetIndex.OffsetPosition(100, 0));
    assertThat(index.lookup(115)).isEqualTo(new OffsetIndex.OffsetPosition(110, 1000));
    assertThat(index.lookup(130)).isEqualTo(new OffsetIndex.OffsetPosition(130, 3000));
    assertThat(index.floorByPosition(2500)).isEqualTo(new OffsetIndex.OffsetPosition(120, 2000));
    assertThat(index.maxEntries()).isEqualTo(100);
    index.close();
  }

  @Test
  void shouldKeepEntriesWhenTrimmedAndReopened() throws Exception {
    File file = new File(dir.toFile(), "b.index");
    OffsetIndex index = new OffsetIndex(file, 0, 800);
    index.append(5, 50);
    index.append(9, 90);
    index.close();

    assertThat(file.length()).isEqualTo(16);
    OffsetIndex reopened = new OffsetIndex(file, 0, 800);
    assertThat(reopened.entries()).isEqualTo(2);
    assertThat(reopened.lookup(100)).isEqualTo(new OffsetIndex.OffsetPosition(9, 90));
    reopened.truncateTo(9);
    assertThat(reopened.entries()).isEqualTo(1);
    reopened.close();
  }

  @Test
  void shouldSkipNonIncreasingTimestampsWhenAppendingToTimeIndex() throws Exception {
    TimeIndex index = new TimeIndex(new File(dir.toFile(), "c.timeindex"), 0, 120);
    index.maybeAppend(1000, 3, false);
    index.maybeAppend(900, 5, false);
    index.maybeAppend(2000, 8, false);

    assertThat(index.entries()).isEqualTo(2);
    assertThat(index.lookup(1500)).isEqualTo(new TimeIndex.TimestampOffset(1000, 3));
    assertThat(index.lookup(10)).isEqualTo(new TimeIndex.TimestampOffset(-1, 0));
    assertThat(index.lastEntry()).isEqualTo(new TimeIndex.TimestampOffset(2000, 8));
    index.truncateTo(8);
    assertThat(index.lastEntry()).isEqualTo(new TimeIndex.TimestampOffset(1000, 3));
    index.close();
  }
}
