package dev.jpm.engine.os;

import com.sun.jna.Memory;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A TCP listening socket opened through libc, so that its descriptor number is known and a child can inherit it (as
 * fd 3, systemd's socket-activation protocol: see {@link ChildSpec#listenFd()}). The daemon holds it for as long as
 * the app exists, across every reload: the instances accept from it, the kernel hands each connection to whichever
 * instance accepts first, and connections queued while one instance stops wait for another instead of being refused.
 *
 * <p>Close-on-exec in the daemon (only a spawn that asks for it passes it on). A wildcard address is bound dual-stack
 * ({@code ::} with {@code IPV6_V6ONLY} off), falling back to {@code 0.0.0.0} where IPv6 is unavailable. Thread-safe:
 * the descriptor is final until {@link #close()}.
 */
public final class ListeningSocket implements AutoCloseable {

  private static final int BACKLOG = 1024;

  private final InetSocketAddress address;
  private volatile int fd;

  private ListeningSocket(InetSocketAddress address, int fd) {
    this.address = address;
    this.fd = fd;
  }

  /**
   * Listens on {@code address} (a wildcard address: every interface).
   *
   * @throws IOException when it cannot (the port is taken: the message names it)
   */
  public static ListeningSocket open(InetSocketAddress address) throws IOException {
    InetAddress host = address.getAddress();
    if (host.isAnyLocalAddress()) {
      try {
        return new ListeningSocket(address, bound(LibC.AF_INET6, InetAddress.getByName("::"), address.getPort()));
      } catch (FamilyUnsupported e) {
        return new ListeningSocket(address, bound(LibC.AF_INET, InetAddress.getByName("0.0.0.0"), address.getPort()));
      }
    }
    int family = host instanceof Inet4Address ? LibC.AF_INET : LibC.AF_INET6;
    return new ListeningSocket(address, bound(family, host, address.getPort()));
  }

  /**
   * A copy of the listening socket that process {@code pid} holds as fd 3, when it listens on {@code address}'s port:
   * how a daemon that adopted socket-activated instances gets their socket back ({@code pidfd_getfd(2)}, Linux 5.6),
   * since the port cannot be bound again while they hold it. Empty when the process is gone, has no such socket, or
   * may not be looked into.
   */
  public static java.util.Optional<ListeningSocket> takenFrom(long pid, InetSocketAddress address) {
    int pidfd = LibC.pidfdOpen(pid);
    if (pidfd < 0) return java.util.Optional.empty();
    int fd;
    try {
      fd = LibC.pidfdGetfd(pidfd, 3);
    } finally {
      LibC.close(pidfd);
    }
    if (fd < 0) return java.util.Optional.empty();
    if (listens(fd) && boundTo(fd, address))
      return java.util.Optional.of(new ListeningSocket(address, fd));
    LibC.close(fd);
    return java.util.Optional.empty();
  }

  /**
   * A copy of a socket this process already listens on at {@code address} (the balancer's front port, which Java
   * opened): how an app that moves from the balancer to an inherited socket keeps the very socket its clients connect
   * to, queue included, so that none is refused or reset while the front port closes and the first new instance
   * starts. Empty when this process listens on no such address.
   */
  public static java.util.Optional<ListeningSocket> copyOfOwn(InetSocketAddress address) {
    String[] fds = new java.io.File("/proc/self/fd").list();
    if (fds == null) return java.util.Optional.empty();
    for (String name : fds) {
      int fd = Integer.parseInt(name);
      if (!listens(fd) || !boundTo(fd, address)) continue; // getsockopt fails on a descriptor that is no socket
      int copy = LibC.fcntl(fd, LibC.F_DUPFD_CLOEXEC, 0);
      // Checked again on the copy: the number may have been closed and reused since.
      if (copy >= 0 && listens(copy) && boundTo(copy, address))
        return java.util.Optional.of(new ListeningSocket(address, copy));
      if (copy >= 0) LibC.close(copy);
    }
    return java.util.Optional.empty();
  }

  /** Whether {@code getsockname} says {@code address}: its port, and its host (any host for a wildcard address). */
  private static boolean boundTo(int fd, InetSocketAddress address) {
    Memory sockaddr = new Memory(LibC.SOCKADDR_IN6_BYTES);
    if (LibC.getsockname(fd, sockaddr, new int[] {LibC.SOCKADDR_IN6_BYTES}) < 0) return false;
    int port = ((sockaddr.getByte(2) & 0xff) << 8) | (sockaddr.getByte(3) & 0xff);
    int family = sockaddr.getShort(0);
    if (port != address.getPort() || (family != LibC.AF_INET && family != LibC.AF_INET6)) return false;
    byte[] host = sockaddr.getByteArray(family == LibC.AF_INET ? 4 : 8, family == LibC.AF_INET ? 4 : 16);
    try {
      InetAddress bound = InetAddress.getByAddress(host);
      return address.getAddress().isAnyLocalAddress() ? bound.isAnyLocalAddress() : bound.equals(address.getAddress());
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static boolean listens(int fd) {
    int[] value = new int[1];
    return LibC.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ACCEPTCONN, value, new int[] {4}) == 0 && value[0] == 1;
  }

  private static int bound(int family, InetAddress host, int port) throws IOException {
    int fd = LibC.socket(family, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      int errno = LibC.errno();
      if (errno == LibC.EAFNOSUPPORT) throw new FamilyUnsupported();
      throw new IOException("socket() failed: " + LibC.describe(errno));
    }
    try {
      option(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, 1, "SO_REUSEADDR");
      if (family == LibC.AF_INET6 && host.isAnyLocalAddress())
        option(fd, LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, 0, "IPV6_V6ONLY");
      Memory sockaddr = sockaddr(family, host, port);
      if (LibC.bind(fd, sockaddr, (int) sockaddr.size()) < 0)
        throw new IOException("cannot listen on " + describe(host, port) + ": " + LibC.describe(LibC.errno()));
      if (LibC.listen(fd, BACKLOG) < 0)
        throw new IOException("listen() on " + describe(host, port) + " failed: " + LibC.describe(LibC.errno()));
      return fd;
    } catch (IOException | RuntimeException e) {
      LibC.close(fd);
      throw e;
    }
  }

  private static void option(int fd, int level, int name, int value, String what) throws IOException {
    if (LibC.setsockopt(fd, level, name, new int[] {value}, 4) < 0)
      throw new IOException("setsockopt " + what + " failed: " + LibC.describe(LibC.errno()));
  }

  /** {@code sockaddr_in} or {@code sockaddr_in6}: the family in host order, the port in network order. */
  private static Memory sockaddr(int family, InetAddress host, int port) {
    boolean v4 = family == LibC.AF_INET;
    Memory sockaddr = new Memory(v4 ? LibC.SOCKADDR_IN_BYTES : LibC.SOCKADDR_IN6_BYTES);
    sockaddr.clear();
    sockaddr.setShort(0, (short) family);
    sockaddr.setByte(2, (byte) (port >>> 8));
    sockaddr.setByte(3, (byte) port);
    byte[] bytes = host.getAddress();
    sockaddr.write(v4 ? 4 : 8, bytes, 0, bytes.length);
    return sockaddr;
  }

  private static String describe(InetAddress host, int port) {
    return (host.isAnyLocalAddress() ? "*" : host.getHostAddress()) + ":" + port;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** The descriptor in this process; -1 once closed. */
  public int fd() {
    return fd;
  }

  @Override
  public synchronized void close() {
    if (fd >= 0) LibC.close(fd);
    fd = -1;
  }

  private static final class FamilyUnsupported extends IOException {
    FamilyUnsupported() {
      super("address family not supported");
    }
  }
}
