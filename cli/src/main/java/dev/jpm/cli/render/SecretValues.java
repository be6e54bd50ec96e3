package dev.jpm.cli.render;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which environment variables hold secrets, by their name, so that {@code show} and {@code env} print a mask
 * instead of the value unless asked ({@code --show-secrets}): a terminal is often shared, recorded or pasted into
 * an issue. A name containing one of the words below counts ({@code DB_PASSWORD}, {@code API_KEY},
 * {@code GITHUB_TOKEN}, {@code AWS_SECRET_ACCESS_KEY}...).
 */
public final class SecretValues {

  static final String MASK = "******** (hidden: --show-secrets prints it)";
  private static final List<String> WORDS = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "KEY",
      "CREDENTIAL", "PRIVATE", "AUTH", "COOKIE", "SESSION", "SALT", "SIGNATURE", "DSN");

  private SecretValues() {}

  public static boolean isSecret(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return WORDS.stream().anyMatch(upper::contains);
  }

  /**
   * The value to print: itself, or the mask when the name looks secret or the app declares it so ({@code
   * secret_env}) and secrets are not to be shown.
   */
  public static String shown(String name, String value, boolean showSecrets, Collection<String> declared) {
    boolean secret = isSecret(name) || declared.contains(name);
    return showSecrets || !secret || value == null || value.isEmpty() ? value : MASK;
  }
}
