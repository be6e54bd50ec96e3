package dev.jpm.engine.supervise;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Starts Node apps with jpm's preload ({@code node --require JPM_HOME/node/preload.cjs ...}, no wrapper process),
 * which moves {@code listen()} of the app's port onto the instance's private port and carries {@code
 * process.send('ready')} and the {@code shutdown} message over the {@link NodeChannel}. The preload ships as this
 * package's resource {@value #RESOURCE}; it is written once per daemon to a stable path (temp file, then rename, so
 * a Node starting meanwhile never reads half a file), and rewritten only when a new jpm ships another one or the
 * file went missing. The {@code .cjs} name keeps it CommonJS even under a {@code package.json} that says {@code
 * "type": "module"}.
 *
 * <p>Thread-safe. When the file cannot be written the app starts as before, without the preload (logged once until
 * a later launch succeeds in writing it).
 */
final class NodePreload implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(NodePreload.class.getName());
  static final String RESOURCE = "node-preload.cjs";

  /** What one run of a Node app starts with; {@code link} is empty when the channel is unavailable. */
  record Launch(List<String> command, Map<String, String> env, Optional<NodeChannel.Link> link) {}

  private final Path file;
  private final NodeChannel channel;
  // Guarded by this.
  private boolean written;
  private boolean warned;

  NodePreload(Path jpmHome) {
    this.file = jpmHome.resolve("node").resolve("preload.cjs");
    this.channel = new NodeChannel(jpmHome.resolve("node.sock"));
  }

  /**
   * The argv and environment of one run: {@code --require} of the preload right after the Node executable, and the
   * channel's variables; {@code onReady} runs when the app sends 'ready', {@code onListening} with the port the
   * preload saw the app listen on. Unchanged when the preload is unavailable.
   */
  Launch prepare(List<String> command, Map<String, String> env, Runnable onReady, IntConsumer onListening) {
    if (!written()) return new Launch(command, env, Optional.empty());
    List<String> argv = new ArrayList<>(command.size() + 2);
    argv.add(command.getFirst());
    argv.add("--require");
    argv.add(file.toString());
    argv.addAll(command.subList(1, command.size()));
    Optional<NodeChannel.Link> link = channel.open(onReady, onListening);
    Map<String, String> withChannel = new LinkedHashMap<>(env);
    link.ifPresent(l -> withChannel.putAll(l.environment()));
    return new Launch(argv, withChannel, link);
  }

  /**
   * The channel of a Node process a previous daemon started with this home's preload, found by the variables its
   * environment was started with; empty for a process of another home, or started without the channel.
   */
  Optional<NodeChannel.Link> resume(Map<String, String> startedWith, IntConsumer onListening) {
    if (!channel.socketPath().toString().equals(startedWith.get("JPM_NODE_CHANNEL"))) return Optional.empty();
    return channel.resume(startedWith.get("JPM_NODE_TOKEN"), onListening);
  }

  Path file() {
    return file;
  }

  /** The file is there with this jpm's content; checked again (one stat) when someone removed it meanwhile. */
  private synchronized boolean written() {
    if (written && Files.isRegularFile(file)) return true;
    try {
      byte[] content = resource();
      if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), content)) write(content);
      written = true;
      warned = false;
    } catch (IOException | RuntimeException e) {
      written = false;
      if (!warned) LOG.log(Level.WARNING, "Node apps start without jpm's preload (no cluster port, wait_ready or "
          + "shutdown message): cannot write " + file + ": " + e);
      warned = true;
    }
    return written;
  }

  private void write(byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "preload", ".tmp");
    try {
      Files.write(temp, content);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static byte[] resource() throws IOException {
    try (InputStream in = NodePreload.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IOException("resource " + RESOURCE + " is missing from jpm's engine");
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    channel.close();
  }
}
