package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.engine.config.VariableReferences;
import dev.jpm.engine.protocol.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an ecosystem file for the daemon: its text plus the values of exactly the {@code ${VAR}}s it uses, so
 * nothing else of the caller's shell reaches the daemon or the apps.
 */
public final class EcosystemFile {

  private EcosystemFile() {}

  public static Request.Ecosystem read(Path workingDirectory, String file, String profile, Map<String, String> env) {
    Path path = workingDirectory.resolve(file).toAbsolutePath().normalize();
    String content;
    try {
      content = Files.readString(path);
    } catch (NoSuchFileException missing) {
      throw new CliFailure(ExitCode.FAILURE, path + ": no such file (jpm init writes a starter ecosystem.yaml)");
    } catch (IOException e) {
      throw new CliFailure(ExitCode.FAILURE, path + ": cannot read: " + e.getMessage());
    }
    Map<String, String> variables = new TreeMap<>();
    for (String name : VariableReferences.scan(content)) {
      String value = env.get(name);
      if (value != null) variables.put(name, value);
    }
    return new Request.Ecosystem(path.toString(), content, profile, variables);
  }
}
