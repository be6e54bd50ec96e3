package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The launcher called through a link named {@code pm2}, running a deploy script written for PM2, unchanged. The
 * launcher runs from an installed layout ({@link InstalledLauncher}), exactly as a user's link runs it.
 */
class Pm2LinkIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  private Path installed() throws IOException {
    Path bin = Files.createDirectories(jpm.work.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("pm2"), InstalledLauncher.install(jpm.work));
    return bin;
  }

  @Test
  void aDeployScriptWrittenForPm2RunsUnchanged() throws Exception {
    Path bin = installed();
    jpm.write("app.js", """
        const http = require('http');
        http.createServer((req, res) => res.end('ok ' + process.env.NODE_APP_INSTANCE)).listen(0);
        console.log('up', process.env.NODE_APP_INSTANCE, process.env.GREETING || '');
        """);
    jpm.write("ecosystem.config.js", """
        module.exports = { apps: [{ name: 'worker', script: './app.js', env: { GREETING: 'dev' },
          env_production: { GREETING: 'prod' } }] };
        """);
    Path script = jpm.write("deploy.sh", """
        set -eu
        pm2 -v
        pm2 start app.js --name api -i 2 --max-memory-restart 200M
        pm2 start ecosystem.config.js --env production
        pm2 ls
        count=$(pm2 jlist | node -e "const l = JSON.parse(require('fs').readFileSync(0, 'utf8'));
          console.log(l.filter(p => p.pm2_env.status === 'online').map(p => p.name + ':' + p.pm_id).join(','))")
        echo "online: $count"
        pm2 restart api
        pm2 reload worker
        pm2 stop 0
        pm2 describe api > /dev/null
        pm2 start ecosystem.config.js --env production
        pm2 save
        if pm2 restart no-such-app; then echo "a missing app must fail"; exit 9; fi
        pm2 delete all
        pm2 resurrect
        pm2 logs worker --nostream --lines 5
        pm2 kill
        echo deployed
        """);

    ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(jpm.work.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(jpm.environment());
    builder.environment().put("PATH", bin + ":" + jpm.environment().get("PATH"));
    builder.environment().put("JPM_NO_AOT", "1");
    Process deploy = builder.start();
    String output = new String(deploy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(deploy.waitFor(240, TimeUnit.SECONDS)).isTrue();

    assertThat(deploy.exitValue()).as(output).isZero();
    assertThat(output).contains("online: api:0,api:1,worker:2", "│ id │ name", "[PM2][ERROR] process or namespace"
        + " not found: 'no-such-app'", "deployed");
    assertThat(output.lines().filter(line -> line.matches("\\d+\\.\\d+\\.\\d+.*")).findFirst()).isPresent();
  }
}
