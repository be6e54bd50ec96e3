package dev.jpm.engine.config;

import dev.jpm.engine.model.RunAs;
import dev.jpm.engine.os.Users;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PM2's {@code uid} (alias {@code user}) and {@code gid}: who the app's processes run as. The user and group must
 * exist on this machine, and only a daemon running as root can switch to them; naming yourself when you are not root
 * changes nothing. Checked where the file is read, so a typo is a located error and not an app that fails to start.
 */
final class RunAsMapper {

  private RunAsMapper() {}

  /** The app's user and group, null when it runs as the daemon's own user; problems go to {@code scope}. */
  static RunAs map(ObjectNode app, AppScope scope, int effectiveUid) {
    String user = text(app.path("uid"));
    String group = text(app.path("gid"));
    if (user == null && group == null) return null;
    if (user == null) {
      scope.error("gid", "gid needs uid (or user): name the user the app runs as");
      return null;
    }
    Users.User found = Users.user(user).orElse(null);
    if (found == null) {
      scope.error("uid", "no user '" + user + "' on this machine");
      return null;
    }
    Integer gid = group == null ? Integer.valueOf(found.gid()) : Users.group(group).orElse(null);
    if (gid == null) {
      scope.error("gid", "no group '" + group + "' on this machine");
      return null;
    }
    String refusal = refusal(found, gid, effectiveUid);
    if (refusal == null) return effectiveUid == 0 ? new RunAs(user, group) : null; // not root: it is yourself
    scope.error(found.uid() == effectiveUid ? "gid" : "uid", "running the app as " + new RunAs(user, group) + " "
        + refusal);
    return null;
  }

  /**
   * Why a daemon running as {@code effectiveUid} cannot run an app as {@code user} and group {@code gid}, or null
   * when it can: root switches to anyone; anyone else only "switches" to itself and its own primary group.
   */
  static String refusal(Users.User user, int gid, int effectiveUid) {
    if (effectiveUid == 0 || user.uid() == effectiveUid && gid == user.gid()) return null;
    return "needs jpm's daemon to run as root, and it runs as uid " + effectiveUid
        + ": leave uid and gid out to run it as yourself";
  }

  private static String text(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) return null;
    String text = value.isNumber() ? value.asString() : value.asString().strip();
    return text.isEmpty() ? null : text;
  }
}
