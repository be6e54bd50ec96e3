package dev.jpm.engine.model;

/**
 * The user and group an app's processes run as (PM2's {@code uid}/{@code user} and {@code gid}), as the file names
 * them: a name or a number. Only a daemon running as root can switch to them.
 *
 * @param user the user, never null
 * @param group the group, or null for the user's own primary group
 */
public record RunAs(String user, String group) {

  public RunAs {
    java.util.Objects.requireNonNull(user, "user");
  }

  /** As the hash and {@code show} spell it: {@code user} or {@code user:group}. */
  @Override
  public String toString() {
    return group == null ? user : user + ":" + group;
  }
}
