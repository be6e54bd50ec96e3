package dev.jpm.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

/**
 * systemd's and logrotate's rule for the files an app names (out_file, error_file, log_file, pid_file): their folder
 * must not be writable by others unless it belongs to the user jpm runs as. In such a folder another user can plant
 * a symlink at the file's name, and the daemon would write the app's output wherever it points (the daemon also
 * opens log files without following a last-component symlink; this refuses the folder before anything runs).
 * Checked when the file is read, where the folder exists; a folder jpm creates later is created 0700.
 */
final class SharedFolders {

  private SharedFolders() {}

  static void check(Map<String, Path> files, AppScope scope) {
    String me = System.getProperty("user.name");
    files.forEach((key, file) -> {
      Path folder = file.getParent();
      if (folder == null) return;
      try {
        PosixFileAttributes attributes =
            Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        boolean others = attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)
            || attributes.permissions().contains(PosixFilePermission.GROUP_WRITE);
        if (others && !attributes.owner().getName().equals(me))
          scope.error(key, "the folder " + folder + " is writable by others and belongs to "
              + attributes.owner().getName() + ", not to " + me + ": another user could put a link there and redirect"
              + " the app's output; choose a folder only " + me + " can write (the rule of systemd and logrotate)");
      } catch (IOException | UnsupportedOperationException absent) {
        // No folder yet (jpm creates it, owner-only) or no POSIX attributes: nothing to refuse here.
      }
    });
  }
}
