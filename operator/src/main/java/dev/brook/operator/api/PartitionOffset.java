package dev.brook.operator.api;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** An offset of one partition. */
public class PartitionOffset {

  @Required private String topic;

  @Min(0)
  private int partition;

  @Min(0)
  private long offset;

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public int getPartition() {
    return partition;
  }

  public void setPartition(int partition) {
    this.partition = partition;
  }

  public long getOffset() {
    return offset;
  }

  public void setOffset(long offset) {
    this.offset = offset;
  }
}
