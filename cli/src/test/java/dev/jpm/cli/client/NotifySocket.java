package dev.jpm.cli.client;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The receiving end of systemd's notify protocol, as systemd binds it: a Unix datagram socket. The JDK has no Unix
 * datagram channel, so libc through JNA, as the daemon's sender does.
 */
final class NotifySocket implements AutoCloseable {

  private interface C extends Library {
    C LIBC = Native.load("c", C.class);

    int socket(int domain, int type, int protocol);

    int bind(int fd, Memory address, int length);

    long recv(int fd, byte[] buffer, long length, int flags);

    int close(int fd);

    int setsockopt(int fd, int level, int name, Memory value, int length);
  }

  private final int fd;
  final Path path;

  NotifySocket(Path path) {
    this.path = path;
    fd = C.LIBC.socket(1, 2, 0);
    if (fd < 0) throw new IllegalStateException("socket failed");
    Memory address = new Memory(110);
    address.clear();
    address.setShort(0, (short) 1);
    byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
    address.write(2, bytes, 0, bytes.length);
    if (C.LIBC.bind(fd, address, 2 + bytes.length + 1) != 0) throw new IllegalStateException("bind failed: " + path);
    Memory timeout = new Memory(16); // struct timeval: 30 s, so a test never hangs on a daemon that never says it
    timeout.setLong(0, 30);
    timeout.setLong(8, 0);
    C.LIBC.setsockopt(fd, 1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, timeout, 16);
  }

  /** The next message, or null when none came within 30 s. */
  String receive() {
    byte[] buffer = new byte[4096];
    long length = C.LIBC.recv(fd, buffer, buffer.length, 0);
    return length < 0 ? null : new String(buffer, 0, (int) length, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    C.LIBC.close(fd);
    path.toFile().delete();
  }
}
