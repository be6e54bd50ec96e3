package dev.jpm.engine.isolate;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A class loader over the application's own class path that defines its own copy of every class found there,
 * except the shared ones, which come from the parent so that objects of those classes cross between the two.
 * Classes it defines are unloaded once the loader, its classes and their objects are unreachable.
 */
final class ChildFirstLoader extends URLClassLoader {

  static {
    registerAsParallelCapable();
  }

  private final Predicate<String> shared;

  /**
   * @param shared the binary names (e.g. {@code a.b.C$D}) that must be the parent's: every type that crosses the
   *     boundary. They must not refer to classes of the isolated code, or loading them would load those in the
   *     parent too.
   */
  ChildFirstLoader(String name, List<URL> classPath, ClassLoader parent, Predicate<String> shared) {
    super(name, classPath.toArray(URL[]::new), parent);
    this.shared = shared;
  }

  /** The application class path of this JVM ({@code java.class.path}). */
  static List<URL> applicationClassPath() {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (entry.isEmpty()) continue;
      try {
        urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException("class path entry " + entry + " is not a URL", e);
      }
    }
    return urls;
  }

  /** The platform's packages: asked of the parent straight away rather than looked for in every jar first. */
  private static final List<String> PLATFORM = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.",
      "org.xml.", "org.ietf.");

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (shared.test(name) || PLATFORM.stream().anyMatch(name::startsWith)) return super.loadClass(name, resolve);
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException notOnOurPath) {
          return super.loadClass(name, resolve); // the platform's other classes
        }
      }
      if (resolve) resolveClass(loaded);
      return loaded;
    }
  }
}
