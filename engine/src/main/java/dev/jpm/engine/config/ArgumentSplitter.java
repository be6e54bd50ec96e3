package dev.jpm.engine.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a string on whitespace, honouring single and double quotes, as PM2 does when a list option
 * ({@code args: "--port 80"}) is written as one string. No shell expansion happens.
 */
final class ArgumentSplitter {

  private ArgumentSplitter() {}

  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
        else word.append(c);
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) words.add(word.toString());
        word.setLength(0);
        inWord = false;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) words.add(word.toString());
    return words;
  }
}
