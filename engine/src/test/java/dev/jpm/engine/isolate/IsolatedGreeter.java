package dev.jpm.engine.isolate;

/** Lives in the isolated loader in {@link ReleasableTest}. */
public final class IsolatedGreeter implements Greeter {

  private final String greeting;

  public IsolatedGreeter(String greeting) {
    this.greeting = greeting;
  }

  @Override
  public String greet(String name) {
    if (name.isEmpty()) throw new IllegalArgumentException("no name");
    return greeting + ", " + name + " from " + Thread.currentThread().getContextClassLoader().getName();
  }

  @Override
  public ClassLoader loader() {
    return getClass().getClassLoader();
  }
}
