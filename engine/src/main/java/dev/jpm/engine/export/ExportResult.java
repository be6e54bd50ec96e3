package dev.jpm.engine.export;

import java.util.List;

/** What an export produced: the files and their fidelity report, or the problems that stop it. */
public sealed interface ExportResult {

  /**
   * @param files in app order
   * @param losses every setting the files do not express, in app order
   */
  record Exported(List<ExportFile> files, List<Loss> losses) implements ExportResult {
    public Exported {
      files = List.copyOf(files);
      losses = List.copyOf(losses);
    }
  }

  /** @param problems at least one, in app order */
  record Refused(List<ExportProblem> problems) implements ExportResult {
    public Refused {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) throw new IllegalArgumentException("a refused export names its problems");
    }
  }
}
