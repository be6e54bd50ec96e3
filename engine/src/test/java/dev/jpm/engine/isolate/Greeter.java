package dev.jpm.engine.isolate;

/** The interface both sides of {@link ReleasableTest} know. */
public interface Greeter {

  String greet(String name);

  /** The loader that defined the implementation. */
  ClassLoader loader();
}
