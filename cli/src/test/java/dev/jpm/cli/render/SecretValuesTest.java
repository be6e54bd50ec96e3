package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretValuesTest {

  @Test
  void namesThatLookSecretAreMaskedUnlessAsked() {
    for (String name : new String[] {"DB_PASSWORD", "api_key", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SENTRY_DSN"})
      assertThat(SecretValues.shown(name, "s3cr3t", false)).as(name).isEqualTo(SecretValues.MASK);
    assertThat(SecretValues.shown("DB_PASSWORD", "s3cr3t", true)).isEqualTo("s3cr3t");
    assertThat(SecretValues.shown("PORT", "3000", false)).isEqualTo("3000");
    assertThat(SecretValues.shown("NODE_ENV", "production", false)).isEqualTo("production");
  }
}
