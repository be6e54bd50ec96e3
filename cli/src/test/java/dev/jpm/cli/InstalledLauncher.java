package dev.jpm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The {@code jpm} launcher script in an installed layout: the project's classes as its class path and no sources, so
 * it builds nothing, with this JVM as its JDK. Commands run through it with {@code JPM_NO_AOT=1} (no training run).
 */
final class InstalledLauncher {

  private InstalledLauncher() {}

  /** Lays the launcher out under {@code work}/jpm-install and returns its path. */
  static Path install(Path work) throws IOException {
    Path root = Files.createDirectories(work.resolve("jpm-install"));
    Files.copy(Path.of("..", "jpm").toAbsolutePath().normalize(), root.resolve("jpm"));
    Files.setPosixFilePermissions(root.resolve("jpm"), PosixFilePermissions.fromString("rwx------"));
    Path target = Files.createDirectories(root.resolve("cli/target"));
    Files.writeString(target.resolve("jpm-cli.jar"), ""); // the class path below carries the classes
    Files.writeString(target.resolve("classpath"), System.getProperty("java.class.path") + "\n");
    Files.writeString(target.resolve("jpm-java"), ProcessHandle.current().info().command().orElseThrow() + " "
        + Runtime.version().feature() + "\n");
    // The daemon's flags, which the launcher reads from the CLI's classes when it starts a daemon itself.
    Path flags = Path.of("target/classes/dev/jpm/cli/client/daemon.flags").toAbsolutePath();
    Path copied = target.resolve("classes/dev/jpm/cli/client/daemon.flags");
    Files.createDirectories(copied.getParent());
    Files.copy(flags, copied);
    return root.resolve("jpm");
  }
}
