package dev.jpm.engine.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** A temporary project folder with scripts, an ecosystem file written into it, and a loader with 4 CPUs. */
final class LoaderFixture {

  static final int CPUS = 4;

  final Path dir;
  final Path home;
  final Path bin;
  final EcosystemLoader loader;

  LoaderFixture(Path temp) {
    this.dir = temp.resolve("project");
    this.home = temp.resolve("jpm-home");
    this.bin = temp.resolve("bin");
    try {
      Files.createDirectories(dir);
      Files.createDirectories(bin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // PATH holds only our bin folder, so "on PATH" checks do not depend on the machine.
    Map<String, String> env = Map.of("PATH", bin.toString(), "HOME", temp.resolve("user").toString());
    this.loader = new EcosystemLoader(home, CPUS, env::get);
  }

  LoaderFixture script(String relative) {
    return file(relative, "#!/bin/sh\necho hi\n");
  }

  LoaderFixture command(String name) {
    Path file = bin.resolve(name);
    write(file, "#!/bin/sh\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  LoaderFixture file(String relative, String content) {
    write(dir.resolve(relative), content);
    return this;
  }

  LoadResult load(String fileName, String content) {
    return load(fileName, content, null, Map.of());
  }

  LoadResult load(String fileName, String content, String profile, Map<String, String> variables) {
    Path file = dir.resolve(fileName);
    write(file, content);
    return loader.load(new ConfigSource(file, content, profile, variables));
  }

  String path(String relative) {
    return dir.resolve(relative).toString();
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
