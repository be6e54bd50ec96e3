package dev.jpm.engine.logs;

/**
 * Receives the bytes of one child stream (stdout or stderr), in order, as raw chunks with arbitrary boundaries
 * (a chunk may end mid-line). Calls for one stream never overlap, but the two streams of a run may be delivered
 * on different threads, so an implementation shared by both streams (the combined file) synchronizes.
 *
 * <p>A consumer must never block for long nor throw: the child blocks on a full pipe while it is busy, and a
 * broken log file must never stop the child. Problems are counted and reported, not thrown.
 */
public interface StreamConsumer {

  /** The next bytes of the stream. */
  void write(byte[] bytes, int offset, int length);

  /** The pipe has nothing more to give right now: a good moment to flush buffers. */
  void quiet();

  /** The stream ended: write out everything, including a partial last line, and release the files. Called once. */
  void end();
}
