package dev.jpm.engine.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The framing of the protocol, apart from what a frame holds: a 4-byte big-endian length, then that many bytes
 * of JSON. Kept free of any JSON binding so that the CLI's hot path ({@code jpm ls}) can move frames with its own
 * streaming readers.
 */
public final class Frames {

  /** Largest frame accepted (an ecosystem file travels in one frame). */
  public static final int MAX_FRAME = 8 * 1024 * 1024;

  private Frames() {}

  /** Writes one frame in one write, so frames from different threads never interleave on a shared stream. */
  public static void write(OutputStream out, byte[] body) throws IOException {
    byte[] frame = new byte[4 + body.length];
    ByteBuffer.wrap(frame).putInt(body.length).put(body);
    out.write(frame);
    out.flush();
  }

  /** Reads one frame's body; null at a clean end of stream. A frame over {@link #MAX_FRAME} is refused unread. */
  public static byte[] read(InputStream in) throws IOException {
    int length = readLength(in);
    return length < 0 ? null : readBody(in, length);
  }

  /**
   * The length of the next frame's body, -1 at a clean end of stream; a frame over {@link #MAX_FRAME} is refused
   * unread. With {@link #readBody} it lets a server decide on the memory before it reads the body.
   */
  public static int readLength(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int length;
    try {
      length = data.readInt();
    } catch (EOFException end) {
      return -1;
    }
    if (length < 0 || length > MAX_FRAME)
      throw new BadFrame(ErrorCode.TOO_LARGE, "frame of " + length + " bytes refused (limit " + MAX_FRAME + ")");
    return length;
  }

  /** The {@code length} bytes of a frame's body, once {@link #readLength} gave it. */
  public static byte[] readBody(InputStream in, int length) throws IOException {
    byte[] body = in.readNBytes(length);
    if (body.length != length) throw new EOFException("frame cut short");
    return body;
  }
}
