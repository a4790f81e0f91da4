package dev.brook.broker.metadata;

import dev.brook.broker.metadata.image.MetadataImage;

/** Told of every new metadata image, in order, on the metadata thread; must not block long. */
public interface MetadataListener {
  void onMetadataUpdate(MetadataImage previous, MetadataImage current);
}
