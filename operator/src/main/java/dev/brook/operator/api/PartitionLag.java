package dev.brook.operator.api;

/** Committed offset, end offset and lag of one partition. */
public class PartitionLag {

  private String topic;

  private int partition;

  private long committedOffset;

  private long endOffset;

  private long lag;

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

  public long getCommittedOffset() {
    return committedOffset;
  }

  public void setCommittedOffset(long committedOffset) {
    this.committedOffset = committedOffset;
  }

  public long getEndOffset() {
    return endOffset;
  }

  public void setEndOffset(long endOffset) {
    this.endOffset = endOffset;
  }

  public long getLag() {
    return lag;
  }

  public void setLag(long lag) {
    this.lag = lag;
  }
}
