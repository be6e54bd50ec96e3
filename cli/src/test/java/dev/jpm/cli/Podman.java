package dev.jpm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debian's podman with a configuration and storage of its own under one folder, so that a test changes nothing of
 * the machine's containers: {@code CONTAINERS_CONF} and {@code CONTAINERS_STORAGE_CONF} name files written here.
 * {@code runc} instead of {@code crun}, and explicit ulimits, are what podman needs on this kind of machine (a
 * container sandbox where crun and the default ulimits fail).
 */
final class Podman {

  /** What podman printed and returned. */
  record Run(int exit, String out, String err) {
    Run expectSuccess(List<String> command) {
      if (exit != 0) throw new AssertionError(command + " exited " + exit + "\nout: " + out + "\nerr: " + err);
      return this;
    }
  }

  private final Path conf;
  private final Path storageConf;

  private Podman(Path folder) throws IOException {
    this.conf = folder.resolve("containers.conf");
    this.storageConf = folder.resolve("storage.conf");
    Files.writeString(conf, """
        [containers]
        default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

        [engine]
        runtime = "runc"
        cgroup_manager = "cgroupfs"
        events_logger = "file"
        events_logfile_path = "%1$s/events.log"
        tmp_dir = "%1$s/tmp"

        [network]
        network_config_dir = "%1$s/networks"
        """.formatted(folder));
    Files.writeString(storageConf, """
        [storage]
        driver = "vfs"
        runroot = "%1$s/run"
        graphroot = "%1$s/storage"
        """.formatted(folder));
  }

  /**
   * A podman keeping its state under {@code folder}, or why there is none here: not installed, not root (the
   * configuration is for root's podman), or it does not answer.
   */
  static Podman in(Path folder, List<String> unavailable) throws IOException, InterruptedException {
    for (String tool : List.of("podman", "runc", "catatonit"))
      if (onPath(tool).isEmpty()) unavailable.add(tool + " is not installed (.ci/run installs it with apt)");
    if (!"root".equals(System.getProperty("user.name"))) unavailable.add("the test runs root's podman");
    if (!unavailable.isEmpty()) return null;
    Files.createDirectories(folder);
    Podman podman = new Podman(folder);
    Run info = podman.run("info");
    if (info.exit() != 0) {
      unavailable.add("podman info failed: " + info.err().strip());
      return null;
    }
    return podman;
  }

  private static Optional<Path> onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
      if (Files.isExecutable(Path.of(dir, tool))) return Optional.of(Path.of(dir, tool));
    return Optional.empty();
  }

  Run run(String... args) throws IOException, InterruptedException {
    return run(null, args);
  }

  /** Runs podman with {@code stdin} (a file, or null for none), for at most a minute. */
  Run run(Path stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("CONTAINERS_CONF", conf.toString());
    builder.environment().put("CONTAINERS_STORAGE_CONF", storageConf.toString());
    builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
        : ProcessBuilder.Redirect.from(stdin.toFile()));
    Process process = builder.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, true));
    String out = read(process, false);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not end within 60 s");
    }
    return new Run(process.exitValue(), out, err.join());
  }

  Run expect(String... args) throws IOException, InterruptedException {
    return run(args).expectSuccess(List.of(args));
  }

  private static String read(Process process, boolean err) {
    try {
      return new String((err ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "unreadable: " + e;
    }
  }
}
