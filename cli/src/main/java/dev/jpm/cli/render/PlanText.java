package dev.jpm.cli.render;

/** Colours a plan line by its leading symbol ({@code +} start, {@code ~} restart, {@code =} update, {@code -} delete). */
public final class PlanText {

  private PlanText() {}

  public static String line(String planLine, Style style) {
    if (planLine.startsWith("+")) return style.green(planLine);
    if (planLine.startsWith("~")) return style.yellow(planLine);
    if (planLine.startsWith("=")) return style.cyan(planLine);
    if (planLine.startsWith("-")) return style.red(planLine);
    if (planLine.startsWith("!")) return style.yellow(planLine);
    return planLine;
  }
}
