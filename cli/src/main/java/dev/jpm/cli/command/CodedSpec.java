package dev.jpm.cli.command;

import dev.jpm.cli.JpmCommand;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A verb's picocli model written in code instead of read from its annotations. The first look at an annotation makes
 * the JDK spin a proxy class for its type at run time, which no AOT cache holds: in {@code jpm ls} the seven such
 * classes (and the method handles behind them) cost more than the request to the daemon. So the verbs run most often
 * or by scripts ({@code ls}, {@code logs}, {@code apply}, {@code diff}, {@code validate}, {@code stop},
 * {@code restart}, {@code delete}, {@code ping}, {@code kill}, {@code jlist}, {@code prettylist}) and {@code jpm}
 * itself are built here, and read their values from picocli's parse result ({@link ClientCommand#parsed()}); the
 * other verbs keep their annotations. Options and positionals are named and described as picocli's annotations would have them.
 */
final class CodedSpec {

  private final CommandSpec spec;

  private CodedSpec(CommandSpec spec) {
    this.spec = spec;
  }

  /** The model of {@code verb}, a subcommand of {@code jpm}, which it is bound to as picocli would inject it. */
  static CodedSpec of(ClientCommand verb, JpmCommand jpm, String name, String description, String... aliases) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(verb).name(name).aliases(aliases);
    spec.usageMessage().description(description);
    verb.jpm = jpm;
    verb.spec = spec;
    return new CodedSpec(spec);
  }

  /** An option that takes no value. */
  CodedSpec flag(String description, String... names) {
    spec.addOption(OptionSpec.builder(names).arity("0").type(boolean.class).description(description).build());
    return this;
  }

  /** An option with one value of {@code type}. */
  CodedSpec option(String name, String label, Class<?> type, String description) {
    spec.addOption(OptionSpec.builder(name).paramLabel(label).type(type).description(description).build());
    return this;
  }

  /** An option whose values are given as {@code A,B} or repeated, read as a list of strings. */
  CodedSpec listOption(String name, String label, String description) {
    spec.addOption(OptionSpec.builder(name).paramLabel(label).type(List.class).auxiliaryTypes(String.class)
        .splitRegex(",").description(description).build());
    return this;
  }

  /**
   * The positional at {@code index} ({@code arity} as picocli writes it, {@code 1} or {@code 0..1}); required unless
   * its arity starts at 0, as picocli infers it from annotations (its builder does not).
   */
  CodedSpec positional(String index, String arity, String label, String description) {
    spec.addPositional(PositionalParamSpec.builder().index(index).arity(arity).required(!arity.startsWith("0"))
        .paramLabel(label).type(String.class).description(description).build());
    return this;
  }

  /** One or more positionals (required), read as a list of strings. */
  CodedSpec positionals(String label, String description) {
    spec.addPositional(PositionalParamSpec.builder().arity("1..*").required(true).paramLabel(label).type(List.class)
        .auxiliaryTypes(String.class).description(description).build());
    return this;
  }

  /** The targets of a verb that acts on apps ({@link ControlVerb#TARGETS}), with the options of files among them. */
  CodedSpec targets() {
    return positionals("TARGET", ControlVerb.TARGETS)
        .listOption("--only", "APP", FileTargets.Options.ONLY)
        .option("--env", "PROFILE", String.class, FileTargets.Options.ENV);
  }

  CommandSpec spec() {
    return spec;
  }
}
