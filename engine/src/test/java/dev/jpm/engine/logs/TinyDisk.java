package dev.jpm.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system (tmpfs) that tests fill up: mounting needs root, which CI has; elsewhere the test
 * reports itself skipped with the reason.
 */
public final class TinyDisk implements AutoCloseable {

  private final Path mount;

  private TinyDisk(Path mount) {
    this.mount = mount;
  }

  /** A tmpfs of {@code size} (as mount(8) reads it: "64k", "1m") on a new temp folder. */
  public static TinyDisk mount(String size) throws IOException, InterruptedException {
    assumeTrue(new ProcessBuilder("id", "-u").start().inputReader().readLine().equals("0"),
        "mounting a tmpfs needs root (CI runs as root)");
    Path mount = Files.createTempDirectory("jpm-full-disk");
    assertThat(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString())).isZero();
    return new TinyDisk(mount);
  }

  public Path path() {
    return mount;
  }

  /** Fills the file system with a file named {@code filler} until a write fails. */
  public void fill() {
    try (var out = Files.newOutputStream(mount.resolve("filler"))) {
      byte[] block = new byte[4096];
      while (true) out.write(block);
    } catch (IOException full) {
      // No space left: what the test wants.
    }
  }

  /** Room again: the filler goes. */
  public void free() {
    try {
      Files.deleteIfExists(mount.resolve("filler"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("umount", "-l", mount.toString());
    Files.deleteIfExists(mount);
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }
}
