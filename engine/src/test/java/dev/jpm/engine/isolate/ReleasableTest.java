package dev.jpm.engine.isolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReleasableTest {

  private static Releasable<Greeter> greeter(Duration idle) {
    return new Releasable<>("greeter", IsolatedGreeter.class.getName(), Greeter.class.getName()::equals,
        implementation -> (Greeter) implementation.getConstructor(String.class).newInstance("hello"), idle);
  }

  @Test
  void theImplementationRunsInALoaderOfItsOwnThatIsAlsoTheContextLoader() {
    Releasable<Greeter> greeter = greeter(Duration.ofMinutes(1));

    assertThat(greeter.<String>call(g -> g.greet("ann"))).isEqualTo("hello, ann from jpm-greeter");
    ClassLoader isolated = greeter.call(Greeter::loader);

    assertThat(isolated).isNotSameAs(ReleasableTest.class.getClassLoader());
    assertThat(isolated.getParent()).isSameAs(ReleasableTest.class.getClassLoader());
    assertThat(greeter.loaded()).isTrue();
    assertThat(greeter.loadersCreated()).isEqualTo(1);
  }

  @Test
  void failuresReachTheCaller() {
    Releasable<Greeter> greeter = greeter(Duration.ofMinutes(1));

    assertThatThrownBy(() -> greeter.call(g -> g.greet(""))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no name");
    assertThat(greeter.<String>call(g -> g.greet("bob"))).startsWith("hello, bob");
  }

  @Test
  void anIdleImplementationIsReleasedAndItsClassesUnloadedThenLoadedAfreshOnTheNextCall() {
    Releasable<Greeter> greeter = greeter(Duration.ofMillis(100));
    WeakReference<ClassLoader> first = new WeakReference<>(greeter.call(Greeter::loader));

    await().atMost(Duration.ofSeconds(20)).until(() -> !greeter.loaded());
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      System.gc(); // the release asked for one collection; a busy test JVM may need another
      return first.get() == null;
    });

    assertThat(greeter.<String>call(g -> g.greet("cy"))).startsWith("hello, cy");
    assertThat(greeter.loadersCreated()).isEqualTo(2);
  }

  @Test
  void aLoaderSomethingStillHoldsIsUsedAgainRatherThanLoadingASecondCopy() {
    Releasable<Greeter> greeter = greeter(Duration.ofMillis(100));
    ClassLoader pinned = greeter.call(Greeter::loader);

    await().atMost(Duration.ofSeconds(20)).until(() -> !greeter.loaded());

    assertThat(greeter.<ClassLoader>call(Greeter::loader)).isSameAs(pinned);
    assertThat(greeter.loadersCreated()).isEqualTo(1);
  }

  @Test
  void aCallKeepsTheImplementationLoadedWhileItRuns() throws Exception {
    Releasable<Greeter> greeter = greeter(Duration.ofMillis(50));
    var entered = new java.util.concurrent.CountDownLatch(1);
    var finish = new java.util.concurrent.CountDownLatch(1);
    Thread caller = Thread.ofVirtual().start(() -> greeter.call(g -> {
      entered.countDown();
      try {
        finish.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return g.greet("dee");
    }));
    entered.await();
    greeter.call(g -> g.greet("eve")); // schedules a release while the first call still runs

    await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(greeter::loaded);
    finish.countDown();
    caller.join();
    await().atMost(Duration.ofSeconds(20)).until(() -> !greeter.loaded());
    assertThat(greeter.loadersCreated()).isEqualTo(1);
  }
}
