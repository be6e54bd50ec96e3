package dev.jpm.engine.os;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * systemd's readiness protocol ({@code sd_notify(3)}) for a daemon run by a {@code Type=notify} unit: one datagram
 * to the Unix socket {@code $NOTIFY_SOCKET} names ({@code @} for the abstract namespace). The JDK's Unix-domain
 * channels are stream-only, hence libc. Without {@code NOTIFY_SOCKET} (not under systemd) every call does nothing.
 */
public final class SystemdNotify {

  private final String socket;

  private SystemdNotify(String socket) {
    this.socket = socket;
  }

  /** The notifier for this environment; inert when {@code NOTIFY_SOCKET} is unset or blank. */
  public static SystemdNotify fromEnvironment(Map<String, String> environment) {
    String socket = environment.get("NOTIFY_SOCKET");
    return new SystemdNotify(socket == null || socket.isBlank() ? null : socket);
  }

  /** Whether a service manager listens. */
  public boolean active() {
    return socket != null;
  }

  /**
   * Sends {@code state} (e.g. {@code READY=1}, {@code STOPPING=1}, {@code STATUS=...}).
   *
   * @return null when sent (or inert), else why not: readiness is a courtesy, never a reason to stop the daemon
   */
  public String send(String state) {
    if (socket == null) return null;
    byte[] path = socket.getBytes(StandardCharsets.UTF_8);
    if (path.length >= LibC.SOCKADDR_UN_BYTES - 2) return "NOTIFY_SOCKET is too long: " + socket;
    Memory address = new Memory(LibC.SOCKADDR_UN_BYTES);
    address.clear();
    address.setShort(0, (short) LibC.AF_UNIX);
    address.write(2, path, 0, path.length);
    if (path[0] == '@') address.setByte(2, (byte) 0); // the abstract namespace
    int fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
    if (fd < 0) return "socket: " + LibC.describe(LibC.errno());
    try {
      byte[] message = state.getBytes(StandardCharsets.UTF_8);
      long sent = LibC.sendto(fd, message, message.length, 0, address, 2 + path.length);
      return sent < 0 ? "sendto " + socket + ": " + LibC.describe(LibC.errno()) : null;
    } finally {
      LibC.close(fd);
    }
  }
}
