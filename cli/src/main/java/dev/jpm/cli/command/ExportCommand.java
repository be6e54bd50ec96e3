package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.config.AppPlaces;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.export.ExportFile;
import dev.jpm.engine.export.ExportProblem;
import dev.jpm.engine.export.ExportResult;
import dev.jpm.engine.export.ExportSettings;
import dev.jpm.engine.export.ExportTarget;
import dev.jpm.engine.export.ImageDefaults;
import dev.jpm.engine.export.Loss;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm export FILE --to kubernetes|nomad|systemd}: the file's apps as the target's own objects, loaded and checked as
 * {@code apply} loads them (an invalid file: its problems, exit 3), with no daemon. Kubernetes manifests go to stdout
 * as one YAML stream ({@code | kubectl apply -f -}), Nomad jobs as JSON documents one after the other, or with
 * {@code -o DIR} one file per app, job or unit. Every setting the
 * target cannot express is a line on stderr, and with {@code --report} a JSON file; {@code --strict} makes any such
 * line an error (exit 3) and writes nothing.
 */
@Command(name = "export", description = "Write the file's apps as Kubernetes manifests, Nomad jobs or systemd units;"
    + " runs nothing.")
public final class ExportCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "Ecosystem file (YAML or strict JSON).")
  String file;

  @Option(names = "--to", required = true, paramLabel = "TARGET", description = "kubernetes, nomad or systemd.")
  String to;

  @Option(names = "--env", paramLabel = "PROFILE", description = "Merge env_PROFILE over env.")
  String profile;

  @Option(names = "--only", split = ",", paramLabel = "APP", description = "Export only these apps.")
  List<String> only = List.of();

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Write files into DIR instead of stdout.")
  Path output;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write the fidelity report as JSON to FILE.")
  Path report;

  @Option(names = "--strict", description = "Fail (exit 3) when any setting cannot be expressed.")
  boolean strict;

  @Option(names = "--image", split = ",", paramLabel = "PROGRAM=IMAGE",
      description = "Image of apps without an image key, by program: node=node:22-slim,python=python:3.12-slim.")
  List<String> images = List.of();

  /** The JSON of {@code --report}: what was exported, and every line of the report. */
  record FidelityReport(String file, String target, List<Loss> losses) {}

  @Override
  public Integer call() throws IOException {
    ExportTarget target = target();
    ImageDefaults defaults = imageDefaults();
    LoadResult loaded = EcosystemFile.load(jpm.home(), jpm.workingDirectory(), file, profile, jpm.environment());
    Style style = style();
    if (!loaded.ok()) return Problems.print(EcosystemFile.invalid(loaded), err(), style);
    ApplyCommand.requireKnown(only, loaded, false);
    EcosystemFile.printWarnings(loaded, err(), style);
    List<AppSpec> all = loaded.desired().apps();
    List<AppSpec> selected = only.isEmpty() ? all : all.stream().filter(app -> only.contains(app.name())).toList();
    ExportSettings settings = new ExportSettings(defaults, jpm.home().dir());
    return switch (target.export(all, selected, settings)) {
      case ExportResult.Refused refused -> Problems.print(located(refused, Path.of(loaded.desired().source())), err(),
          style);
      case ExportResult.Exported exported -> write(exported, target, loaded.desired().source(), style);
    };
  }

  private ExportTarget target() {
    return Arrays.stream(ExportTarget.values()).filter(t -> t.word().equals(to.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new CliFailure(ExitCode.USAGE, "--to " + to + ": jpm exports to kubernetes, nomad or systemd"));
  }

  private ImageDefaults imageDefaults() {
    try {
      return ImageDefaults.parse(images);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCode.USAGE, e.getMessage());
    }
  }

  /** The problems at the apps' places in the file, as an invalid file's. */
  private static Response.Invalid located(ExportResult.Refused refused, Path source) throws IOException {
    AppPlaces places = AppPlaces.read(source);
    List<String> errors = refused.problems().stream()
        .map((ExportProblem p) -> places.problem(p.app(), p.field(), p.message()).render()).toList();
    return new Response.Invalid(errors, List.of());
  }

  private int write(ExportResult.Exported exported, ExportTarget target, String source, Style style)
      throws IOException {
    List<Loss> losses = exported.losses();
    losses.forEach(loss -> err().println(style.yellow(loss.render())));
    if (report != null)
      Files.writeString(jpm.workingDirectory().resolve(report),
          Wire.CODEC.toPrettyJson(new FidelityReport(source, target.word(), losses)) + "\n");
    if (strict && !losses.isEmpty()) {
      err().println(style.red("error: --strict: " + losses.size() + (losses.size() == 1 ? " setting" : " settings")
          + " cannot be expressed for " + target.word() + "; nothing was written"));
      return ExitCode.FAILURE;
    }
    if (output == null) {
      for (ExportFile exportFile : exported.files()) printToStdout(exportFile, target);
      return ExitCode.OK;
    }
    Path folder = Files.createDirectories(jpm.workingDirectory().resolve(output));
    for (ExportFile exportFile : exported.files()) {
      Path path = folder.resolve(exportFile.name());
      Files.writeString(path, exportFile.content());
      out().println("wrote " + path);
    }
    return ExitCode.OK;
  }

  /** Manifests concatenate into one YAML stream; units are told apart by a comment line with their file name. */
  private void printToStdout(ExportFile exportFile, ExportTarget target) {
    if (target == ExportTarget.SYSTEMD) out().println("# " + exportFile.name());
    out().print(exportFile.content());
    if (target == ExportTarget.SYSTEMD) out().println();
  }
}
