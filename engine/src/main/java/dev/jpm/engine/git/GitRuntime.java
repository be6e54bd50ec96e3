package dev.jpm.engine.git;

import org.eclipse.jgit.util.FS;

/** JGit's process-wide settings, applied once before the first repository is opened. */
final class GitRuntime {

  private static volatile boolean prepared;

  private GitRuntime() {}

  /**
   * JGit measures the file system's timestamp resolution on first use: 4 s in the foreground on this machine, and it
   * writes {@code ~/.config/jgit/config}. In the background, first use costs about 0.7 s.
   */
  static void prepare() {
    if (prepared) return;
    FS.FileStoreAttributes.setBackground(true);
    prepared = true;
  }
}
