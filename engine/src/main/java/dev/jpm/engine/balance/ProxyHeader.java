package dev.jpm.engine.balance;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The PROXY protocol v1 line (HAProxy's text header) that tells an instance which client a connection comes from:
 * {@code PROXY TCP4 192.0.2.1 198.51.100.2 51234 8080\r\n}. An IPv4 address mapped into IPv6 is written as IPv4, so
 * a dual-stack front port still says TCP4 for IPv4 clients.
 */
final class ProxyHeader {

  private ProxyHeader() {}

  static byte[] v1(InetSocketAddress client, InetSocketAddress front) {
    InetAddress source = plain(client.getAddress());
    InetAddress destination = plain(front.getAddress());
    if (source instanceof Inet4Address != destination instanceof Inet4Address) {
      // The two ends of one TCP connection have one family; a mix means the front answered on a mapped address.
      return "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII);
    }
    String family = source instanceof Inet6Address ? "TCP6" : "TCP4";
    String line = "PROXY " + family + " " + source.getHostAddress() + " " + destination.getHostAddress() + " "
        + client.getPort() + " " + front.getPort() + "\r\n";
    return line.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code ::ffff:a.b.c.d} as {@code a.b.c.d}; anything else unchanged (and IPv6 without a scope suffix). */
  private static InetAddress plain(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
      mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      try {
        if (mapped) return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        return InetAddress.getByAddress(b);
      } catch (java.net.UnknownHostException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    return address;
  }
}
