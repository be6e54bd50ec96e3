package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The word table Main uses to register one verb agrees with the verbs' own models, coded or annotated. */
class VerbsTest {

  private static CommandSpec model(Class<?> verb) {
    return new CommandLine(Verbs.model(verb, new JpmCommand(Map.of()))).getCommandSpec();
  }

  @Test
  void everyNameAndAliasMapsToItsCommandAndNothingElseIsListed() {
    Map<String, Class<?>> declared = new HashMap<>();
    for (Class<?> verb : Verbs.ALL) {
      CommandSpec command = model(verb);
      Stream.concat(Stream.of(command.name()), Stream.of(command.aliases())).forEach(word -> declared.put(word, verb));
    }

    assertThat(Verbs.BY_WORD).isEqualTo(declared);
  }

  @Test
  void theFirstWordRegistersOnlyItsVerbAndAnythingElseRegistersAll() {
    assertThat(Main.forArguments(Map.of(), "ps", "--json").getSubcommands().keySet())
        .containsExactlyInAnyOrder("ls", "list", "ps", "status");
    assertThat(Main.forArguments(Map.of(), "-v", "ls").getSubcommands()).hasSize(Verbs.BY_WORD.size());
    assertThat(Main.forArguments(Map.of()).getSubcommands()).hasSize(Verbs.BY_WORD.size());
    assertThat(Main.forArguments(Map.of(), "nonsense").getSubcommands().keySet()).containsAll(List.of("apply", "del"));
    assertThat(Main.forArguments(Map.of(), "--version", "ls").getSubcommands()).hasSize(Verbs.BY_WORD.size());
  }

  @Test
  void aBareVersionRegistersNoVerbAndStillPrintsTheVersion() {
    for (String flag : List.of("--version", "-V")) {
      var cli = Main.forArguments(Map.of(), flag);
      var out = new java.io.StringWriter();
      cli.setOut(new java.io.PrintWriter(out, true));
      assertThat(cli.getSubcommands()).as(flag).isEmpty();
      assertThat(cli.execute(flag)).as(flag).isZero();
      assertThat(out.toString()).as(flag).isEqualTo("jpm 0.1.0" + System.lineSeparator());
    }
  }

  @Test
  void everyVisibleVerbAnswersHelpWithItsUsageAndExitZero() {
    for (Class<?> verb : Verbs.ALL) {
      CommandSpec command = model(verb);
      if (command.usageMessage().hidden()) continue;
      var out = new java.io.StringWriter();
      var cli = Main.forArguments(Map.of(), command.name(), "--help");
      cli.setOut(new java.io.PrintWriter(out, true));
      assertThat(cli.execute(command.name(), "--help")).as(command.name()).isZero();
      assertThat(out.toString()).as(command.name()).startsWith("Usage: jpm " + command.name());
    }
  }

  @Test
  void onlyVerbsThatMayTalkToTheDaemonWarmUpTheClient() {
    assertThat(Verbs.talksToDaemon(Verbs.BY_WORD.get("ls"))).isTrue();
    assertThat(Verbs.talksToDaemon(Verbs.BY_WORD.get("stop"))).isTrue();
    assertThat(Verbs.talksToDaemon(Verbs.BY_WORD.get("apply"))).isTrue();
    assertThat(Verbs.talksToDaemon(Verbs.BY_WORD.get("validate"))).isFalse();
    assertThat(Verbs.talksToDaemon(Verbs.BY_WORD.get("init"))).isFalse();
    assertThat(Verbs.talksToDaemon(Verbs.BY_WORD.get("export"))).isFalse();
    assertThat(Verbs.talksToDaemon(null)).isFalse();
  }

  @Test
  void verbsThatReadAppsBuildTheSchemaValidatorEarly() {
    for (String word : List.of("apply", "diff", "validate", "export", "start", "startOrReload", "startOrRestart"))
      assertThat(Verbs.readsApps(Verbs.BY_WORD.get(word))).as(word).isTrue();
    for (String word : List.of("ls", "stop", "logs", "kill", "ping"))
      assertThat(Verbs.readsApps(Verbs.BY_WORD.get(word))).as(word).isFalse();
    assertThat(Verbs.readsApps(null)).isFalse();
  }

  @Test
  void onlyVerbsThatAskTheDaemonWhateverTheirArgumentsStartItBeforeParsing() {
    assertThat(Verbs.startsDaemonAtOnce(Verbs.BY_WORD.get("ping"), "ping")).isTrue();
    assertThat(Verbs.startsDaemonAtOnce(Verbs.BY_WORD.get("ls"), "ls", "--json")).isTrue();
    assertThat(Verbs.startsDaemonAtOnce(Verbs.BY_WORD.get("ls"), "ls", "--help")).isFalse();
    assertThat(Verbs.startsDaemonAtOnce(Verbs.BY_WORD.get("ping"), "ping", "-h")).isFalse();
    // A file may be refused before any daemon is needed; kill never starts one.
    assertThat(Verbs.startsDaemonAtOnce(Verbs.BY_WORD.get("apply"), "apply", "app.yaml")).isFalse();
    assertThat(Verbs.startsDaemonAtOnce(Verbs.BY_WORD.get("kill"), "kill")).isFalse();
    assertThat(Verbs.startsDaemonAtOnce(null)).isFalse();
  }

  @Test
  void theLauncherStartsTheDaemonForExactlyTheWordsThatStartItEarlyHere() throws java.io.IOException {
    String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "jpm")).stream()
        .filter(text -> text.endsWith("start_daemon_early \"$@\" ;; esac")).findFirst().orElseThrow();
    List<String> launcherWords = List.of(line.substring(line.indexOf(" in ") + 4, line.indexOf(')')).split("\\|"));

    List<String> early = Verbs.BY_WORD.entrySet().stream()
        .filter(word -> Verbs.startsDaemonAtOnce(word.getValue(), word.getKey())).map(Map.Entry::getKey).toList();
    assertThat(launcherWords).containsExactlyInAnyOrderElementsOf(early);
  }
}
