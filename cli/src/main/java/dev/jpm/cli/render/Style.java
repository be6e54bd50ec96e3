package dev.jpm.cli.render;

import picocli.CommandLine.Help.Ansi;

/**
 * How output looks: colour for a terminal, plain text otherwise (and when {@code NO_COLOR} is set); and, for a
 * command line that speaks PM2's ({@code jpm pm2 ...}), PM2's shapes: its boxed table, {@code [PM2]} lines.
 */
public record Style(boolean colour, boolean pm2) {

  public Style(boolean colour) {
    this(colour, false);
  }

  public static Style forTerminal(java.util.Map<String, String> environment) {
    boolean noColor = environment.containsKey("NO_COLOR");
    return new Style(!noColor && Ansi.AUTO.enabled());
  }

  /** The same style in PM2's shapes, or not. */
  public Style withPm2(boolean shapes) {
    return new Style(colour, shapes);
  }

  public String green(String text) {
    return paint("32", text);
  }

  public String red(String text) {
    return paint("31", text);
  }

  public String yellow(String text) {
    return paint("33", text);
  }

  public String cyan(String text) {
    return paint("36", text);
  }

  public String dim(String text) {
    return paint("2", text);
  }

  public String reverse(String text) {
    return paint("7", text);
  }

  public String bold(String text) {
    return paint("1", text);
  }

  private String paint(String code, String text) {
    return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
