package dev.brook.broker.metadata;

import dev.brook.broker.metadata.image.MetadataImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest applied {@link MetadataImage}, readable from any thread without locking, and the
 * listeners that react to each change (log creation, leadership, group coordinator elections).
 */
public final class MetadataCache {

  private static final Logger log = LoggerFactory.getLogger(MetadataCache.class);

  private final List<MetadataListener> listeners = new CopyOnWriteArrayList<>();
  private volatile MetadataImage image = MetadataImage.EMPTY;

  public MetadataImage image() {
    return image;
  }

  public void addListener(MetadataListener listener) {
    listeners.add(listener);
  }

  /** Publishes {@code next}; called by the single thread that applies the metadata log. */
  public void publish(MetadataImage next) {
    MetadataImage previous = image;
    image = next;
    for (MetadataListener listener : listeners) {
      try {
        listener.onMetadataUpdate(previous, next);
      } catch (RuntimeException e) {
        log.error("metadata listener {} failed at offset {}", listener, next.offset(), e);
      }
    }
  }
}
