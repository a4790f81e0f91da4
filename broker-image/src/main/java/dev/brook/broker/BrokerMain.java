package dev.brook.broker;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code brook-broker [server.properties] [--override key=value ...]}: starts a broker with Kafka's
 * configuration keys, from a properties file, {@code BROOK_*} environment variables and overrides,
 * in increasing precedence. Stops cleanly on SIGTERM/SIGINT.
 */
@Command(
    name = "brook-broker",
    mixinStandardHelpOptions = true,
    version = "Brook broker 0.1.0",
    description = {
      "Starts a Kafka-compatible Brook broker. With no arguments: a single-node cluster on"
          + " 127.0.0.1:9092 with data under ./data.",
      "Configuration uses Kafka's keys (listeners, log.dirs, num.partitions, log.retention.hours,"
          + " ...); environment variables BROOK_<KEY> (dots as underscores) are read too."
    })
public final class BrokerMain implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(BrokerMain.class);
  static final int EXIT_CONFIG_ERROR = 2;
  static final int EXIT_START_FAILURE = 1;

  @Parameters(
      arity = "0..1",
      paramLabel = "server.properties",
      description = "Kafka-style config file.")
  Path propertiesFile;

  @Option(
      names = "--override",
      paramLabel = "key=value",
      description = "Sets one configuration key; repeatable; wins over the file and environment.")
  List<String> overrides = List.of();

  public static void main(String[] args) {
    System.exit(new CommandLine(new BrokerMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    BrokerConfig config;
    try {
      config = ConfigLoader.load(propertiesFile, System.getenv(), parseOverrides(overrides));
    } catch (ConfigException e) {
      System.err.println("Invalid configuration: " + e.getMessage());
      return EXIT_CONFIG_ERROR;
    }
    Broker broker;
    try {
      broker = Broker.start(config);
    } catch (ConfigException e) {
      System.err.println("Invalid configuration: " + e.getMessage());
      return EXIT_CONFIG_ERROR;
    } catch (Exception e) {
      log.error("Brook failed to start", e);
      return EXIT_START_FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutting down");
                  broker.close();
                  stopped.countDown();
                },
                "brook-shutdown"));
    stopped.await();
    return 0;
  }

  static Map<String, String> parseOverrides(List<String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--override expects key=value, got '" + override + "'");
      }
      values.put(override.substring(0, eq).trim(), override.substring(eq + 1).trim());
    }
    return values;
  }
}
