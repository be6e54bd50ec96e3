package dev.jpm.cli;

import dev.jpm.cli.command.ApplyCommand;
import dev.jpm.cli.command.EcosystemFile;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.home.JpmHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code jpm apply} without picocli, as {@link QuickList} does for {@code ls}: building picocli's model of the verb
 * (annotation proxies spun at run time) costs some 45 ms before the request can leave, and every app of the file
 * waits for it. Its plain form ({@code apply FILE [--env P] [--prune] [--only A,B]}) is read here and handed to
 * {@link ApplyCommand#apply}, which prints exactly what the picocli path prints; anything else (help, {@code -v}, a
 * typo) goes the ordinary way, where picocli parses and reports; {@link QuickRequests} sends and reports.
 */
public final class QuickApply {

  private QuickApply() {}

  /** The exit code when {@code args} are a plain apply; empty to run the full command line instead. */
  public static OptionalInt run(String[] args, Map<String, String> environment, Path workingDirectory,
      PrintWriter out, PrintWriter err) {
    Optional<Arguments> parsed = Arguments.of(args);
    if (parsed.isEmpty()) return OptionalInt.empty();
    Arguments arguments = parsed.get();
    return QuickRequests.run(environment, out, err, (client, style) -> {
      LoadResult loaded = EcosystemFile.load(JpmHome.fromEnvironment(environment), workingDirectory,
          arguments.file(), arguments.profile(), environment);
      return ApplyCommand.apply(client, loaded, arguments.prune(), arguments.only(), out, err, style);
    });
  }

  /** The plain form's arguments; empty for anything else. */
  record Arguments(String file, String profile, boolean prune, List<String> only) {

    static Optional<Arguments> of(String[] args) {
      if (args.length < 2 || !args[0].equals("apply")) return Optional.empty();
      String file = null;
      String profile = null;
      boolean prune = false;
      List<String> only = new ArrayList<>();
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        if (arg.startsWith("--env=") || arg.startsWith("--only=")) {
          value = arg.substring(arg.indexOf('=') + 1);
          arg = arg.substring(0, arg.indexOf('='));
        } else if ((arg.equals("--env") || arg.equals("--only")) && i + 1 < args.length) {
          value = args[++i];
        }
        switch (arg) {
          case "--prune" -> prune = true;
          case "--env" -> {
            if (value == null || value.isEmpty() || profile != null) return Optional.empty();
            profile = value;
          }
          case "--only" -> {
            if (value == null || value.isEmpty()) return Optional.empty();
            only.addAll(Arrays.asList(value.split(",")));
          }
          default -> {
            if (arg.startsWith("-") || file != null) return Optional.empty();
            file = arg;
          }
        }
      }
      return file == null ? Optional.empty() : Optional.of(new Arguments(file, profile, prune, List.copyOf(only)));
    }
  }
}
