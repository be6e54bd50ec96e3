package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation loop over every ecosystem file the project ships (examples, the example ecosystem, PM2's
 * fixtures): byte flips, cut and repeated spans, truncations and hostile values (deep nesting, huge numbers, invalid
 * UTF-8, long strings). Reading never throws, never falls into the loader's last-resort "bug in jpm" problem, and
 * every error either points into the file or names the app or key, or is about the file as a whole. Bounded in
 * time, so CI pays at most {@link #BUDGET_MS}.
 */
class ConfigFuzzTest {

  private static final long SEED = 20261207L;
  private static final long BUDGET_MS = 20_000;
  private static final int MAX_MUTANTS = 6_000;
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  /** Problems that concern the whole file and so have no place in it. */
  private static final List<String> WHOLE_FILE = List.of("the file is empty", "the file has no apps",
      "the file has ", "values nest more than", "invalid YAML", "expected apps:", "this package.json has no",
      "--env ", "unexpected content after the end");
  private static final String[] HOSTILE = {"1e20", "-5", "99999999999999999999", "9223372036854775808", "0x7fffffffffffffffff",
      "\"\\ud800\"", "\u0000", "\uFFFF", "'", "\"", "{", "[", "]", "}", ":", ": ", "- ", "\n", "\t", "&a", "*a", "!!binary",
      "<<: *x", "${HOME}", "~", "null", ".inf", ".nan", "99999999999h", "-1s", "1.5e400"};

  @TempDir Path temp;

  @Test
  void noMutantOfAShippedFileMakesReadingThrowOrLoseItsLocation() throws IOException {
    List<Path> seeds = seeds();
    assertThat(seeds).hasSizeGreaterThan(5);
    Random random = new Random(SEED);
    EcosystemFiles files = new EcosystemFiles(temp.resolve("home"));
    long deadline = System.currentTimeMillis() + BUDGET_MS;
    int mutants = 0;
    while (mutants < MAX_MUTANTS && System.currentTimeMillis() < deadline) {
      Path seed = seeds.get(random.nextInt(seeds.size()));
      byte[] mutant = mutate(Files.readAllBytes(seed), random);
      Path file = temp.resolve(seed.getFileName().toString());
      Files.write(file, mutant);
      LoadResult result = files.read(file, temp, null, Map.of("HOME", temp.toString()));
      for (ConfigProblem error : result.errors()) {
        assertThat(error.message()).as("mutant %d of %s", mutants, seed).doesNotContain("this is a bug in jpm");
        boolean located = error.line() > 0 || error.app() != null || error.field() != null
            || WHOLE_FILE.stream().anyMatch(error.message()::startsWith);
        assertThat(located).as("mutant %d of %s: %s%n%s", mutants, seed, error.render(),
            new String(mutant, StandardCharsets.UTF_8)).isTrue();
      }
      mutants++;
    }
    assertThat(mutants).as("mutants tried within the budget").isGreaterThan(200);
  }

  private static List<Path> seeds() throws IOException {
    List<Path> seeds = new ArrayList<>();
    seeds.add(REPO.resolve("ecosystem.example.yaml"));
    for (Path folder : List.of(REPO.resolve("examples"), REPO.resolve("engine/src/test/resources/config"))) {
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().forEach(seeds::add);
      }
    }
    return seeds;
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original;
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) bytes = edit(bytes, random);
    return bytes;
  }

  private static byte[] edit(byte[] bytes, Random random) {
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    return switch (random.nextInt(8)) {
      case 0 -> replace(bytes, at, 1, new byte[] {(byte) random.nextInt(256)});
      case 1 -> replace(bytes, at, random.nextInt(Math.min(40, bytes.length - at) + 1), new byte[0]);
      case 2 -> {
        int length = random.nextInt(Math.min(60, bytes.length - at) + 1);
        byte[] span = java.util.Arrays.copyOfRange(bytes, at, at + length);
        yield replace(bytes, at, 0, span);
      }
      case 3 -> java.util.Arrays.copyOf(bytes, at);
      case 4 -> replace(bytes, at, 0, HOSTILE[random.nextInt(HOSTILE.length)].getBytes(StandardCharsets.UTF_8));
      case 5 -> replace(bytes, at, 0, ("[".repeat(200 + random.nextInt(2000)) + "]".repeat(random.nextInt(2000)))
          .getBytes(StandardCharsets.UTF_8));
      case 6 -> replace(bytes, at, 0, new byte[] {(byte) 0xC3, (byte) 0x28}); // a broken two-byte sequence
      default -> replace(bytes, at, 0, "x".repeat(random.nextInt(200_000)).getBytes(StandardCharsets.UTF_8));
    };
  }

  private static byte[] replace(byte[] bytes, int at, int length, byte[] with) {
    byte[] out = new byte[bytes.length - length + with.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(with, 0, out, at, with.length);
    System.arraycopy(bytes, at + length, out, at + with.length, bytes.length - at - length);
    return out;
  }
}
