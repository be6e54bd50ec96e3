package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandPathTest {

  @Test
  void findsExecutablesInPathFoldersOnly(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path other = Files.createDirectory(dir.resolve("other"));
    executable(other.resolve("tool"));
    Files.writeString(bin.resolve("notes"), "not executable");
    CommandPath commands = new CommandPath(Map.of("PATH", ":" + bin + ":" + other)::get);

    assertThat(commands.has("tool")).isTrue();
    assertThat(commands.has("notes")).isFalse();
    assertThat(commands.has("missing")).isFalse();
    assertThat(new CommandPath(Map.<String, String>of()::get).has("tool")).as("no PATH").isFalse();
  }

  @Test
  void looksEachNameUpOncePerReadAndAgainOnTheNext(@TempDir Path dir) throws Exception {
    Path tool = executable(dir.resolve("tool"));
    Map<String, String> environment = Map.of("PATH", dir.toString());
    CommandPath oneRead = new CommandPath(environment::get);
    assertThat(oneRead.has("tool")).isTrue();

    Files.delete(tool);

    assertThat(oneRead.has("tool")).as("the same read keeps its answer").isTrue();
    assertThat(new CommandPath(environment::get).has("tool")).as("the next read looks again").isFalse();
  }

  private static Path executable(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
