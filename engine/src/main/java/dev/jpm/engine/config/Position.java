package dev.jpm.engine.config;

/** A 1-based line and column in the source text; {@link #FILE} stands for the file as a whole. */
record Position(int line, int column) {

  static final Position FILE = new Position(0, 0);
}
