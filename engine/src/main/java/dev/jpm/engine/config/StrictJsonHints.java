package dev.jpm.engine.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a strict-JSON parse error in terms of the JavaScript-style JSON that PM2 users write (PM2 evaluates
 * {@code .json} files as JavaScript), with the fix.
 */
final class StrictJsonHints {

  private static final String PREFIX = "jpm reads strict JSON or YAML; ";
  private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.)'");
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object )?(?:property|field) \"([^\"]*)\"");

  private StrictJsonHints() {}

  static String explain(String parserMessage) {
    String message = parserMessage == null ? "" : parserMessage;
    Matcher duplicate = DUPLICATE.matcher(message);
    if (duplicate.find()) return "duplicate key '" + duplicate.group(1) + "'";
    if (message.startsWith("Unrecognized token"))
      return PREFIX + "this looks like a JavaScript expression (e.g. write the value as a JSON string in double quotes)";
    if (message.contains("end-of-input") || message.contains("Unexpected end"))
      return "the JSON ends too early: a closing bracket or brace is missing";
    Matcher unexpected = UNEXPECTED.matcher(message);
    if (!unexpected.find()) return PREFIX + "this is not valid JSON: " + firstLine(message);
    char c = unexpected.group(1).charAt(0);
    if (c == '/' || c == '#') return PREFIX + "JSON has no comments (e.g. remove the comment)";
    if (c == '\'') return PREFIX + "JSON strings use double quotes (e.g. replace the single quotes)";
    if (c == '}' || c == ']') return PREFIX + "JSON allows no trailing comma (e.g. remove the comma before it)";
    if (Character.isJavaIdentifierStart(c) && message.contains("name"))
      return PREFIX + "JSON keys must be quoted (e.g. quote the key)";
    return PREFIX + "unexpected character '" + c + "' (e.g. check for a missing comma or quote)";
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
