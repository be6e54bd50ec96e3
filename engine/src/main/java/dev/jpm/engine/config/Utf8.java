package dev.jpm.engine.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that says where the first invalid byte is, as a line and column a user can go to. */
final class Utf8 {

  /** The first invalid byte: 0-based offset, 1-based line and (byte) column. */
  static final class Malformed extends Exception {
    private final long offset;
    private final int line;
    private final int column;

    Malformed(long offset, int line, int column) {
      super("not valid UTF-8 at byte " + offset, null, false, false);
      this.offset = offset;
      this.line = line;
      this.column = column;
    }

    long offset() {
      return offset;
    }

    int line() {
      return line;
    }

    int column() {
      return column;
    }
  }

  private Utf8() {}

  static String decode(byte[] bytes) throws Malformed {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    var result = decoder.decode(in, out, true);
    if (result.isError()) throw malformed(bytes, in.position());
    result = decoder.flush(out);
    if (result.isError()) throw malformed(bytes, in.position());
    return out.flip().toString();
  }

  private static Malformed malformed(byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Malformed(offset, line, offset - lineStart + 1);
  }
}
