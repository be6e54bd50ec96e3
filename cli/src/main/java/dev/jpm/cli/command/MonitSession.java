package dev.jpm.cli.command;

import dev.jpm.cli.render.MonitFrame;
import dev.jpm.cli.render.Style;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The terminal side of {@code jpm monit} (JLine): raw keys, the alternate screen, redraws, and on every way out
 * (q, Ctrl-C, an error) the terminal as it was: main screen, cursor shown, line discipline restored. Without a
 * terminal it is not interactive and the caller prints one frame instead.
 */
final class MonitSession implements AutoCloseable {

  /** Where frames come from: the daemon's table and the selected instance's log tail. */
  @FunctionalInterface
  interface FrameSource {
    MonitFrame.View frame(int selected) throws IOException;
  }

  private static final long REFRESH_MS = 1000;
  private static final int READ_EXPIRED = -2;
  private static final int ESCAPE = 27;
  private static final int CTRL_C = 3;

  private final Terminal terminal;
  private final FrameSource source;
  private final Style style;
  private volatile boolean quit;
  private volatile boolean resized;

  private MonitSession(Terminal terminal, FrameSource source, Style style) {
    this.terminal = terminal;
    this.source = source;
    this.style = style;
  }

  static MonitSession open(FrameSource source, Style style) throws IOException {
    // dumb(true): no terminal (a pipe, a test) gives a dumb one quietly instead of a warning.
    return new MonitSession(TerminalBuilder.builder().system(true).dumb(true).build(), source, style);
  }

  boolean interactive() {
    String type = terminal.getType();
    return !Terminal.TYPE_DUMB.equals(type) && !Terminal.TYPE_DUMB_COLOR.equals(type);
  }

  /** Draws and reads keys until q or Ctrl-C; the terminal is restored whatever happens. */
  void run() throws IOException {
    Attributes saved = terminal.enterRawMode();
    terminal.handle(Terminal.Signal.INT, signal -> quit = true);
    terminal.handle(Terminal.Signal.WINCH, signal -> resized = true);
    terminal.puts(Capability.enter_ca_mode);
    terminal.puts(Capability.cursor_invisible);
    try {
      loop();
    } finally {
      terminal.puts(Capability.cursor_visible);
      terminal.puts(Capability.exit_ca_mode);
      terminal.setAttributes(saved);
      terminal.flush();
    }
  }

  private void loop() throws IOException {
    NonBlockingReader keys = terminal.reader();
    int selected = 0;
    MonitFrame.View view = source.frame(selected);
    long nextRefresh = System.nanoTime() + REFRESH_MS * 1_000_000;
    draw(view);
    while (!quit) {
      long waitMs = Math.max(1, (nextRefresh - System.nanoTime()) / 1_000_000);
      int key = keys.read(waitMs);
      int move = 0;
      if (key == 'q' || key == 'Q' || key == CTRL_C || key == -1) quit = true;
      else if (key == 'j') move = 1;
      else if (key == 'k') move = -1;
      else if (key == ESCAPE) move = arrow(keys);
      if (quit) break;
      if (move != 0) selected = Math.clamp(selected + move, 0, Math.max(0, view.rows().size() - 1));
      if (key == READ_EXPIRED || move != 0) {
        view = source.frame(selected);
        nextRefresh = System.nanoTime() + REFRESH_MS * 1_000_000;
      }
      if (key == READ_EXPIRED || move != 0 || resized) {
        resized = false;
        draw(view);
      }
    }
  }

  /** After ESC: up (-1) or down (+1) for {@code ESC [ A/B} and {@code ESC O A/B}, 0 for anything else. */
  private static int arrow(NonBlockingReader keys) throws IOException {
    int bracket = keys.read(50);
    if (bracket != '[' && bracket != 'O') return 0;
    return switch (keys.read(50)) {
      case 'A' -> -1;
      case 'B' -> 1;
      default -> 0;
    };
  }

  private void draw(MonitFrame.View view) {
    Size size = terminal.getSize();
    int width = size.getColumns() > 0 ? size.getColumns() : MonitCommand.PLAIN_WIDTH;
    int height = size.getRows() > 0 ? size.getRows() : MonitCommand.PLAIN_HEIGHT;
    List<String> lines = MonitFrame.render(view, width, height, style);
    // Home, each line then clear-to-end-of-line; no newline after the last so the screen never scrolls.
    StringBuilder screen = new StringBuilder("\u001b[H");
    for (int i = 0; i < lines.size(); i++) {
      screen.append(lines.get(i)).append("\u001b[K");
      if (i < lines.size() - 1) screen.append("\r\n");
    }
    PrintWriter writer = terminal.writer();
    writer.print(screen);
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    terminal.close();
  }
}
