package dev.brook.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for child JVMs. Children run on the same JDK as the harness and, for Kafka's
 * classes, on the harness's own classpath (the bench module's runtime classpath).
 */
public final class JavaCommand {

  // The perf tools print with String.format in the default locale; the parser expects dots.
  private static final List<String> FIXED_LOCALE =
      List.of("-Duser.language=en", "-Duser.country=US");

  private JavaCommand() {}

  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java <opts> -cp <harness classpath> <mainClass> <args>}. */
  public static List<String> mainClass(
      List<String> jvmOptions, String log4jConfig, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.addAll(FIXED_LOCALE);
    command.add("-Dlog4j2.configurationFile=" + log4jConfig);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** {@code java <opts> -jar <jar> <args>}: the jar brings its own logging configuration. */
  public static List<String> jar(List<String> jvmOptions, Path jar, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.addAll(FIXED_LOCALE);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    return command;
  }
}
