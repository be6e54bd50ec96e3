package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.protocol.Response;
import java.io.PrintWriter;

/** Prints an invalid file's problems, each as {@code file:line:column: ...}; nothing was changed. */
final class Problems {

  private Problems() {}

  static int print(Response.Invalid invalid, PrintWriter err, Style style) {
    invalid.warnings().forEach(w -> err.println(style.yellow("warning: " + w)));
    invalid.errors().forEach(e -> err.println(style.red("error: " + e)));
    err.println(invalid.errors().size() + (invalid.errors().size() == 1 ? " error" : " errors")
        + "; nothing was changed");
    return ExitCode.FAILURE;
  }
}
