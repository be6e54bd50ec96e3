package dev.jpm.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PM2's command line as jpm's: the same words, except where PM2 means something else by them. */
class Pm2CommandLineTest {

  private static final Set<String> FILES = Set.of("app.js", "ecosystem.config.js", "apps.json", "deploy/eco.yaml");

  @ParameterizedTest(name = "pm2 {0} -> jpm {1}")
  @CsvSource(delimiter = '|', value = {
      "start app.js --name api -i max --watch | start app.js --name api -i max --watch",
      "start ecosystem.config.js --env production | startOrRestart ecosystem.config.js --env production",
      "start apps.json --only web | startOrRestart apps.json --only web",
      "start deploy/eco.yaml | startOrRestart deploy/eco.yaml",
      "start api | restart api",
      "start 0 1 | restart 0 1",
      "start all | restart all",
      "start sleep --name nap -- 100 | start sleep --name nap -- 100",
      "start - | start -",
      "l | ls",
      "status | ls",
      "del api | delete api",
      "desc api | show api",
      "describe 3 | show 3",
      "dump | save",
      "dash | monit",
      "updatePM2 | update",
      "jlist | jlist",
      "restart /^api-/ --update-env | restart /^api-/ --update-env",
      "sendSignal SIGUSR2 api | sendSignal SIGUSR2 api",
      "logs api --nostream --lines 20 | logs api --nostream --lines 20"})
  void translates(String pm2, String jpm) {
    var translation = Pm2CommandLine.translate(List.of(pm2.split(" ")), FILES::contains);

    assertThat(translation.version()).isFalse();
    assertThat(String.join(" ", translation.args())).isEqualTo(jpm);
  }

  @ParameterizedTest
  @CsvSource({"-v", "--version", "-V"})
  void pm2sVersionFlagsAskForTheVersion(String flag) {
    assertThat(Pm2CommandLine.translate(List.of(flag), FILES::contains).version()).isTrue();
  }
}
