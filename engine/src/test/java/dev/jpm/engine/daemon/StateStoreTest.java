package dev.jpm.engine.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.SpecBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

  @TempDir Path home;

  static ObservedState table(String greeting) {
    AppSpec spec = SpecBuilder.app("api").env("GREETING", greeting).instances(2).build();
    ProcessRecord first = new ProcessRecord(new InstanceId("api", 0), ProcessStatus.ONLINE, 4242, 1_700_000_000_000L,
        spec.specHash(), 1_700_000_000_100L, 3, 0, 1, null, null, "cron 0 3 * * *", 0);
    ProcessRecord second = new ProcessRecord(new InstanceId("api", 1), ProcessStatus.ERRORED, 0, 0, spec.specHash(),
        0, 16, 16, null, "KILL", "crashed 16 times", null, 0);
    return new ObservedState(Map.of("api", new ObservedApp(spec, List.of(first, second))));
  }

  @Test
  void theTableRoundTripsWithSpecsAndRuntimeFacts() throws IOException {
    StateStore store = new StateStore(home.resolve("state.json"));
    store.save(table("first"));
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(home.resolve("state.json")))).isEqualTo("rw-------");
    ObservedState saved = table("hello");

    store.save(saved);

    assertThat(store.load()).contains(saved);
    assertThat(home.resolve("state.json.tmp")).doesNotExist();
  }

  @Test
  void aTableSavedBeforeSurgesWereRecordedLoadsWithNone() throws IOException {
    Path file = home.resolve("state.json");
    new StateStore(file).save(table("hello"));
    Files.writeString(file, Files.readString(file).replaceAll(",\\s*\"surges\"\\s*:\\s*\\[\\s*]", ""));
    assertThat(Files.readString(file)).doesNotContain("surges");

    assertThat(new StateStore(file).load()).contains(table("hello"));
  }

  @Test
  void anUnreadableFileIsSetAsideNotDeleted() throws IOException {
    Path file = home.resolve("state.json");
    Files.writeString(file, "{\"apps\": {\"api\": ");
    StateStore store = new StateStore(file);

    assertThat(store.load()).isEmpty();
    assertThat(home.resolve("state.json.unreadable")).content().startsWith("{\"apps\"");
  }

  @Test
  void thePersisterSavesTheLatestTableBeforeAnswering() {
    StateStore store = new StateStore(home.resolve("state.json"));
    AtomicReference<ObservedState> current = new AtomicReference<>(table("one"));
    try (Persister persister = new Persister(store, current::get)) {
      persister.changed();
      current.set(table("two"));
      persister.changed();
      persister.awaitSaved();

      assertThat(store.load()).contains(table("two"));
    }
  }

  @Test
  void aBurstOfChangesIsSavedOnceWhenSomeoneWaitsForIt() {
    StateStore store = new StateStore(home.resolve("state.json"));
    AtomicInteger snapshots = new AtomicInteger();
    // A window far longer than the test: only the waiter can end it, so the fifty changes are one save.
    try (Persister persister = new Persister(store, () -> {
      snapshots.incrementAndGet();
      return table("fifty");
    }, Duration.ofMinutes(1))) {
      for (int i = 0; i < 50; i++) persister.changed();
      persister.awaitSaved();

      assertThat(store.load()).contains(table("fifty"));
      assertThat(snapshots).hasValue(1);
    }
  }

  @Test
  void aChangeNobodyWaitsForIsSavedAfterTheWriteBehindWindow() {
    StateStore store = new StateStore(home.resolve("state.json"));
    try (Persister persister = new Persister(store, () -> table("later"), Duration.ofMillis(20))) {
      persister.changed();

      await().atMost(Duration.ofSeconds(10)).until(() -> store.load().equals(Optional.of(table("later"))));
    }
  }

  @Test
  void closingSavesWhatTheWindowStillHeld() {
    StateStore store = new StateStore(home.resolve("state.json"));
    Persister persister = new Persister(store, () -> table("last"), Duration.ofMinutes(1));
    persister.changed();
    persister.close();

    assertThat(store.load()).contains(table("last"));
  }
}
