package dev.brook.broker.controller;

import dev.brook.broker.metadata.record.MetadataRecord;
import java.util.List;

/** What a controller operation decided: the records to commit, and the answer once they are. */
public record ControllerResult<T>(List<MetadataRecord> records, T response) {

  public ControllerResult {
    records = List.copyOf(records);
  }

  public static <T> ControllerResult<T> of(List<MetadataRecord> records, T response) {
    return new ControllerResult<>(records, response);
  }
}
