package dev.jpm.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogStatsTest {

  @Test
  void countsEveryNewlineOfAnyRangeAsAByteLoopDoes() {
    Random random = new Random(42);
    byte[] bytes = new byte[20_000];
    for (int round = 0; round < 300; round++) {
      // Newline-dense, newline-free and high-bit bytes (0x8A is '\n' with its top bit set: no newline).
      int density = random.nextInt(4);
      for (int i = 0; i < bytes.length; i++) {
        int pick = random.nextInt(16);
        bytes[i] = pick < density * 4 ? (byte) '\n' : pick == 15 ? (byte) 0x8A : (byte) random.nextInt(256);
      }
      int offset = random.nextInt(bytes.length);
      int length = random.nextInt(bytes.length - offset + 1);
      assertEquals(byteLoop(bytes, offset, length), LogStats.newlines(bytes, offset, length),
          "offset " + offset + ", length " + length);
    }
  }

  @Test
  void aLaneFullOfNewlinesForLongerThanTheLanesHoldIsStillCountedExactly() {
    byte[] newlines = new byte[255 * 8 * 3 + 5];
    Arrays.fill(newlines, (byte) '\n');
    assertEquals(newlines.length, LogStats.newlines(newlines, 0, newlines.length));
    assertEquals(newlines.length - 3, LogStats.newlines(newlines, 1, newlines.length - 3));
    assertEquals(0, LogStats.newlines(newlines, 7, 0));
  }

  private static int byteLoop(byte[] bytes, int offset, int length) {
    int count = 0;
    for (int i = offset; i < offset + length; i++) if (bytes[i] == '\n') count++;
    return count;
  }
}
