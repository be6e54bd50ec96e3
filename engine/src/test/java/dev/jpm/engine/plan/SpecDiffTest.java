package dev.jpm.engine.plan;

import static dev.jpm.engine.plan.SpecBuilder.app;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.model.Traffic;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each field change lands on the side of the diff that agrees with {@link AppSpec#specHash()}: a shape change must
 * move the hash (or the planner would never restart), a supervision change must not (or it would restart).
 */
class SpecDiffTest {

  record FieldCase(String change, UnaryOperator<SpecBuilder> edit) {
    @Override
    public String toString() {
      return change;
    }
  }

  private static SpecBuilder base() {
    return app("api").env("DB_URL", "a").env("OLD", "1").port(3000);
  }

  static Stream<FieldCase> shape() {
    return Stream.of(
        new FieldCase("script changed", b -> b.script("/srv/shop/other.sh")),
        new FieldCase("args changed", b -> b.args("--verbose")),
        new FieldCase("interpreter changed", b -> b.interpreter("/usr/bin/python3")),
        new FieldCase("cwd changed", b -> b.cwd("/srv/elsewhere")),
        new FieldCase("env.DB_URL changed", b -> b.env("DB_URL", "b")),
        new FieldCase("env.NEW added", b -> b.env("NEW", "1")),
        new FieldCase("instance_var changed", b -> b.instanceVar("APP_ID")),
        new FieldCase("port 3000 → 3001", b -> b.port(3001)),
        new FieldCase("exec_mode fork → cluster", b -> b.cluster(3000)));
  }

  static Stream<FieldCase> supervision() {
    return Stream.of(
        new FieldCase("max_restarts 16 → 5", b -> b.maxRestarts(5)),
        new FieldCase("min_uptime 1000ms → 2000ms", b -> b.minUptimeMs(2000)),
        new FieldCase("stop_exit_codes [] → [0, 2, 10]", b -> b.stopExitCodes(10, 2, 0)),
        new FieldCase("stop_signal INT → TERM", b -> b.stopSignal("TERM")),
        new FieldCase("shutdown_with_message false → true", b -> b.stop(new StopPolicy("INT", 1600, true))),
        new FieldCase("wait_ready false → true",
            b -> b.traffic(new Traffic(null, false, null, null, 1, 0, 10_000, false, true))),
        new FieldCase("max_memory_restart none → 512K", b -> b.maxMemoryBytes(512 * 1024)),
        new FieldCase("cron_restart none → 0 3 * * *", b -> b.cronRestart("0 3 * * *")),
        new FieldCase("out_file changed", b -> b.outFile("/var/log/shop/api-out.log")),
        new FieldCase("depends_on [] → [db]", b -> b.dependsOn("db")),
        new FieldCase("autostart true → false", SpecBuilder::noAutostart),
        new FieldCase("namespace default → shop", b -> b.namespace("shop")),
        new FieldCase("source ecosystem.yaml → other.yaml", b -> b.source("/srv/other.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shape")
  void shapeChangeMovesTheHash(FieldCase c) {
    AppSpec before = base().build();
    AppSpec after = c.edit().apply(base()).build();

    SpecDiff diff = SpecDiff.between(before, after);

    assertThat(diff.shape()).map(Change::toString).contains(c.change());
    assertThat(diff.supervision()).isEmpty();
    assertThat(after.specHash()).isNotEqualTo(before.specHash());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("supervision")
  void supervisionChangeKeepsTheHash(FieldCase c) {
    AppSpec before = base().build();
    AppSpec after = c.edit().apply(base()).build();

    SpecDiff diff = SpecDiff.between(before, after);

    assertThat(diff.supervision()).map(Change::toString).containsExactly(c.change());
    assertThat(diff.shape()).isEmpty();
    assertThat(after.specHash()).isEqualTo(before.specHash());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shape")
  void shapeChangeIsSeenFromBothSides(FieldCase c) {
    AppSpec before = base().build();
    AppSpec after = c.edit().apply(base()).build();

    assertThat(SpecDiff.between(after, before).shape()).isNotEmpty();
  }

  @Test
  void removedVariableAndInstanceCountAreNotShapeChangesOfTheirOwn() {
    AppSpec before = base().instances(2).build();
    AppSpec after = app("api").env("DB_URL", "a").port(3000).instances(5).build();

    assertThat(SpecDiff.between(before, after).shape()).map(Change::toString).containsExactly("env.OLD removed");
    assertThat(SpecDiff.between(before, before.withInstances(5)).isEmpty()).isTrue();
  }
}
