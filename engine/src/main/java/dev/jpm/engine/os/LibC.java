package dev.jpm.engine.os;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The one libc binding of jpm: the calls the launcher, the event loop and {@link Signals} need, bound by JNA's
 * direct mapping (a static native method per function: no proxy and no argument conversion on the hot read path).
 * Linux only; constants are Linux's (the generic ones, shared by x86_64 and aarch64). Every call returns -1 and sets
 * errno on failure, except the {@code posix_spawn*} family, which returns the error number itself.
 */
final class LibC {

  static final int O_RDONLY = 0;
  static final int O_WRONLY = 1;
  static final int O_RDWR = 2;
  static final int O_NONBLOCK = 0x800;
  static final int O_DIRECTORY = 0x10000;
  static final int O_CLOEXEC = 0x80000;
  static final int F_GETFL = 3;
  static final int F_SETFL = 4;
  static final int F_SETPIPE_SZ = 1031;
  static final int F_DUPFD_CLOEXEC = 1030;
  static final int SPLICE_F_NONBLOCK = 2;

  static final int EINTR = 4;
  static final int EAGAIN = 11;

  static final int EPOLLIN = 0x001;
  static final int EPOLLERR = 0x008;
  static final int EPOLLHUP = 0x010;
  static final int EPOLLET = 1 << 31;
  static final int EPOLL_CTL_ADD = 1;
  static final int EPOLL_CTL_DEL = 2;
  static final int EPOLL_CLOEXEC = O_CLOEXEC;
  static final int EFD_CLOEXEC = O_CLOEXEC;
  static final int EFD_NONBLOCK = O_NONBLOCK;
  /** x86_64 packs {@code struct epoll_event} (u32 events, u64 data) into 12 bytes; other 64-bit ABIs pad to 16. */
  static final int EPOLL_EVENT_SIZE = Platform.isIntel() ? 12 : 16;
  static final int EPOLL_DATA_OFFSET = Platform.isIntel() ? 4 : 8;

  static final int SC_CLK_TCK = 2;
  static final int SC_PAGESIZE = 30;

  static final int AF_UNIX = 1;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_CLOEXEC = O_CLOEXEC;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int SOCK_STREAM = 1;
  static final int SOL_SOCKET = 1;
  static final int SO_REUSEADDR = 2;
  static final int SO_ACCEPTCONN = 30;
  static final int IPPROTO_IPV6 = 41;
  static final int IPV6_V6ONLY = 26;
  static final int EADDRINUSE = 98;
  static final int EAFNOSUPPORT = 97;
  /** {@code struct sockaddr_in}: family, port (network order), 4 address bytes, 8 bytes of padding. */
  static final int SOCKADDR_IN_BYTES = 16;
  /** {@code struct sockaddr_in6}: family, port, flow info, 16 address bytes, scope id. */
  static final int SOCKADDR_IN6_BYTES = 28;
  /** {@code struct sockaddr_un}: a 2-byte family, then 108 bytes of path. */
  static final int SOCKADDR_UN_BYTES = 110;

  static final int WNOHANG = 1;
  static final int SIGKILL = 9;

  static final short POSIX_SPAWN_SETSIGDEF = 0x04;
  static final short POSIX_SPAWN_SETSIGMASK = 0x08;
  static final short POSIX_SPAWN_SETPGROUP = 0x02;
  static final short POSIX_SPAWN_SETSID = 0x80;
  /** glibc's posix_spawnattr_t is 336 bytes, posix_spawn_file_actions_t 80 and sigset_t 128: room to spare. */
  static final int SPAWNATTR_BYTES = 1024;
  static final int FILE_ACTIONS_BYTES = 512;
  static final int SIGSET_BYTES = 256;

  /** The same number on every architecture (Linux 5.3's unified syscall table). */
  private static final long SYS_PIDFD_OPEN = 434;
  /** Linux 5.6; the same number on every architecture. */
  private static final long SYS_PIDFD_GETFD = 438;

  /**
   * JNA's system search path, which NativeLibrary builds at its class initialisation by running {@code ldconfig -p}
   * (a process, ~60-100 ms on the daemon's critical path at start and on a CLI's first libc call), unless this
   * property is set. libc needs no path: JNA binds "c" to the process itself ({@code dlopen(NULL)}), and no other
   * library is loaded through JNA here. A value the user set is kept.
   */
  private static final String JNA_SYSTEM_PATH = "jna.platform.library.path";

  static {
    if (System.getProperty(JNA_SYSTEM_PATH) == null) System.setProperty(JNA_SYSTEM_PATH, "");
    Native.register(LibC.class, NativeLibrary.getInstance("c"));
  }

  private LibC() {}

  static native int pipe2(int[] fds, int flags);

  static native int fcntl(int fd, int cmd, int arg);

  static native int close(int fd);

  /** {@code open(2)} with a mode (JNA passes the variadic third argument as a plain int, as the ABI does). */
  static native int open(String path, int flags, int mode);

  static native int mkfifo(String path, int mode);

  /** {@code tee(2)}: duplicates up to {@code length} bytes of one pipe into another without consuming them. */
  static native long tee(int fdIn, int fdOut, long length, int flags);

  static native long read(int fd, Pointer buffer, long count);

  /** {@code pread(2)} into a direct buffer (JNA passes its address). */
  static native long pread(int fd, java.nio.ByteBuffer buffer, long count, long offset);

  /** {@code getdents64(2)} (glibc 2.30+) into a direct buffer: the entries of an open directory, in batches. */
  static native long getdents64(int fd, java.nio.ByteBuffer buffer, long count);

  static native int kill(int pid, int signal);

  static native int waitpid(int pid, int[] status, int options);

  static native long syscall(long number, long arg1, long arg2, long arg3);

  static native int eventfd(int initial, int flags);

  static native int eventfd_read(int fd, long[] value);

  static native int eventfd_write(int fd, long value);

  static native int epoll_create1(int flags);

  static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

  static native int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMs);

  static native int posix_spawn(int[] pid, String path, Pointer fileActions, Pointer attr, Pointer argv,
      Pointer envp);

  static native int posix_spawn_file_actions_init(Pointer actions);

  static native int posix_spawn_file_actions_destroy(Pointer actions);

  static native int posix_spawn_file_actions_addopen(Pointer actions, int fd, String path, int flags, int mode);

  static native int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

  static native int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

  static native int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int lowFd);

  static native int posix_spawnattr_init(Pointer attr);

  static native int posix_spawnattr_destroy(Pointer attr);

  static native int posix_spawnattr_setflags(Pointer attr, short flags);

  static native int posix_spawnattr_setsigmask(Pointer attr, Pointer mask);

  static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer signals);

  static native int sigemptyset(Pointer set);

  static native int sigfillset(Pointer set);

  static native String strerror(int errno);

  static native int socket(int domain, int type, int protocol);

  static native int setsockopt(int fd, int level, int name, int[] value, int length);

  static native int bind(int fd, Pointer address, int length);

  static native int listen(int fd, int backlog);

  static native int getsockopt(int fd, int level, int name, int[] value, int[] length);

  static native int getsockname(int fd, Pointer address, int[] length);

  static native long sendto(int fd, byte[] buffer, long length, int flags, Pointer address, int addressLength);

  /** {@code sysconf(3)}; {@link #SC_CLK_TCK} is the unit of the times in {@code /proc/PID/stat}. */
  static native long sysconf(int name);

  /** {@code pidfd_open(2)} through {@code syscall(2)}: glibc has a wrapper only since 2.36. */
  static int pidfdOpen(long pid) {
    return (int) syscall(SYS_PIDFD_OPEN, pid, 0, 0);
  }

  /**
   * {@code pidfd_getfd(2)}: a copy (close-on-exec) of descriptor {@code targetFd} of the process {@code pidfd} refers
   * to; needs the right to ptrace it (the same user, unless Yama forbids).
   */
  static int pidfdGetfd(int pidfd, int targetFd) {
    return (int) syscall(SYS_PIDFD_GETFD, pidfd, targetFd, 0);
  }

  /** errno of the last call on this thread (JNA saves it right after each call). */
  static int errno() {
    return Native.getLastError();
  }

  /** "No such file or directory (errno 2)". */
  static String describe(int errno) {
    return strerror(errno) + " (errno " + errno + ")";
  }
}
