package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PM2's {@code ecosystem.config.js} and {@code package.json} end to end: the real CLI evaluates the file with the real
 * {@code node}, a real daemon runs its apps.
 */
class JavaScriptEcosystemIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  private Path ecosystem() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
    return jpm.write("ecosystem.config.js", """
        // Written for PM2: helpers, computed values, the caller's environment.
        const instancesFor = (name) => (name === 'web' ? 2 : 1);
        module.exports = {
          apps: ['web', 'worker'].map((name) => ({
            name,
            script: './sleeper.sh',
            instances: instancesFor(name),
            min_uptime: '300ms',
            env: { GREETING: `hi-${name}-${process.env.STAGE}` },
            env_production: { GREETING: 'prod' },
          })),
          deploy: { production: { user: 'node', host: 'example', ref: 'origin/main', repo: 'git@x:y.git', path: '/srv' } },
        };
        """);
  }

  @Test
  void applyDiffValidateAndStartTakeAnEcosystemConfigJs() throws IOException {
    jpm.setEnv("STAGE", "beta");
    Path file = ecosystem();

    assertThat(jpm.run("validate", file.toString()).expectExit(0).out()).contains("valid", "(2 apps)");
    assertThat(jpm.run("apply", file.toString()).expectExit(0).out())
        .contains("+ start web#0 (new app)", "+ start web#1 (new app)", "+ start worker#0 (new app)");
    assertThat(jpm.status("web#1")).isEqualTo("online");
    assertThat(jpm.run("diff", file.toString()).expectExit(0).out()).contains("in sync");
    assertThat(jpm.run("show", "worker").expectExit(0).out()).contains("hi-worker-beta");

    assertThat(jpm.run("diff", file.toString(), "--env", "production").expectExit(1).out())
        .contains("~ restart web#0 (env.GREETING changed)");
    jpm.run("start", file.toString(), "--env", "production").expectExit(0);
    assertThat(jpm.run("show", "web").expectExit(0).out()).contains("prod");
  }

  @Test
  void aPackageJsonAppliesItsAppsKey() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
    Path file = jpm.write("package.json", """
        {"name": "shop", "version": "1.0.0", "scripts": {"start": "node ."},
         "apps": [{"name": "shop", "script": "./sleeper.sh", "min_uptime": "300ms"}]}
        """);

    jpm.run("apply", file.toString()).expectExit(0);

    assertThat(jpm.status("shop#0")).isEqualTo("online");
  }

  @Test
  void aBrokenScriptFileIsRefusedWithExit3AndNoDaemon() throws IOException {
    Path throwing = jpm.write("throws.config.js", "throw new Error('vault unreachable');\n");
    Path noisy = jpm.write("noisy.config.js", """
        console.log('debug: loading');
        module.exports = { apps: [{ name: 'a', script: 'sleep', instances: 'lots' }] };
        """);

    for (String verb : List.of("apply", "diff", "validate", "start")) {
      assertThat(jpm.run(verb, throwing.toString()).expectExit(3).err()).as(verb)
          .contains(throwing + ": evaluating the file threw: vault unreachable", "nothing was changed");
      assertThat(jpm.run(verb, noisy.toString()).expectExit(3).err()).as(verb)
          .contains(noisy + ": app \"a\": instances:");
    }
    assertThat(jpm.daemonPid()).isEmpty();
  }
}
