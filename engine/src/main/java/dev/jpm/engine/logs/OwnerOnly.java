package dev.jpm.engine.logs;

import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The permissions of what jpm creates: files 0600 and folders 0700 (the process umask can only narrow them). App
 * output and jpm's state may hold secrets; a log file outside the private {@code JPM_HOME} would otherwise be
 * world-readable under the usual umask 022.
 */
public final class OwnerOnly {

  public static final FileAttribute<Set<PosixFilePermission>> FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  public static final FileAttribute<Set<PosixFilePermission>> FOLDER =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private OwnerOnly() {}
}
