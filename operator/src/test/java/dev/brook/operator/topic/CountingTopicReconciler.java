package dev.brook.operator.topic;

import dev.brook.operator.api.Topic;
import dev.brook.operator.kafka.AdminClients;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The Topic reconciler, counting its reconciliations per resource name. */
@ControllerConfiguration(name = "counting-topic")
class CountingTopicReconciler extends TopicReconciler {

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  CountingTopicReconciler(AdminClients admins) {
    super(admins);
  }

  @Override
  public UpdateControl<Topic> reconcile(Topic topic, Context<Topic> context) {
    counts
        .computeIfAbsent(topic.getMetadata().getName(), k -> new AtomicInteger())
        .incrementAndGet();
    return super.reconcile(topic, context);
  }

  int count(String name) {
    AtomicInteger count = counts.get(name);
    return count == null ? 0 : count.get();
  }
}
