package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

  @Test
  void namesThatLookSecretAreMaskedUnlessAsked() {
    for (String name : new String[] {"DB_PASSWORD", "api_key", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SENTRY_DSN"})
      assertThat(SecretValues.shown(name, "s3cr3t", false, List.of())).as(name).isEqualTo(SecretValues.MASK);
    assertThat(SecretValues.shown("DB_PASSWORD", "s3cr3t", true, List.of())).isEqualTo("s3cr3t");
    assertThat(SecretValues.shown("PORT", "3000", false, List.of())).isEqualTo("3000");
    assertThat(SecretValues.shown("NODE_ENV", "production", false, List.of())).isEqualTo("production");
  }

  @Test
  void namesTheAppDeclaresSecretAreMaskedToo() {
    assertThat(SecretValues.shown("DATABASE_URL", "postgres://u:p@db/app", false, List.of("DATABASE_URL")))
        .isEqualTo(SecretValues.MASK);
    assertThat(SecretValues.shown("DATABASE_URL", "postgres://u:p@db/app", true, List.of("DATABASE_URL")))
        .isEqualTo("postgres://u:p@db/app");
    assertThat(SecretValues.shown("DATABASE_URL", "postgres://u:p@db/app", false, List.of()))
        .isEqualTo("postgres://u:p@db/app");
  }
}
