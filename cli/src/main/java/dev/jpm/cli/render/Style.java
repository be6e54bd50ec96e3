package dev.jpm.cli.render;

import picocli.CommandLine.Help.Ansi;

/** Colour for a terminal, plain text otherwise (and when {@code NO_COLOR} is set). */
public record Style(boolean colour) {

  public static Style forTerminal(java.util.Map<String, String> environment) {
    boolean noColor = environment.containsKey("NO_COLOR");
    return new Style(!noColor && Ansi.AUTO.enabled());
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
