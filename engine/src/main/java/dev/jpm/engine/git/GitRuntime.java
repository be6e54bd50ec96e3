package dev.jpm.engine.git;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/** JGit's process-wide settings, applied once before the first repository is opened. */
final class GitRuntime {

  private static volatile boolean prepared;

  private GitRuntime() {}

  /**
   * JGit measures the file system's timestamp resolution on first use (4 s in the foreground on this machine) and
   * saves the result in {@code ~/.config/jgit/config}. jpm measures in the background (about 0.7 s) and keeps
   * JGit's own config in memory: a process manager has no business writing into the user's home. The user's git
   * config ({@code ~/.gitconfig}: credentials helpers, proxies) is still read.
   */
  static synchronized void prepare() {
    if (prepared) return;
    FS.FileStoreAttributes.setBackground(true);
    SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
      @Override
      public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return new InMemoryConfig(parent, fs);
      }
    });
    prepared = true;
  }

  /** A config that JGit may load and save without touching a file. */
  private static final class InMemoryConfig extends FileBasedConfig {
    InMemoryConfig(Config parent, FS fs) {
      super(parent, new File("/dev/null"), fs);
    }

    @Override
    public void load() {
      // Nothing stored: every JVM starts from JGit's defaults.
    }

    @Override
    public void save() {
      // Kept in memory for the life of the daemon.
    }

    @Override
    public boolean isOutdated() {
      return false;
    }
  }
}
