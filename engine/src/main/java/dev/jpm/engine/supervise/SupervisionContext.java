package dev.jpm.engine.supervise;

import dev.jpm.engine.logs.LogRouter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every instance shares, created once by the {@link Supervisor}.
 *
 * @param launcher starts processes
 * @param clock source of every timestamp
 * @param jpmHome against which relative log templates resolve
 * @param daemonEnv the daemon's own environment, from which children get a small base
 * @param timer single thread: restart delays and stop sequences
 * @param exits processes exits and delayed restarts off the JDK's threads
 * @param changed announces a state change to the supervisor's listeners
 * @param listening an instance of the app named says (through jpm's Node preload) it listens on that port
 * @param ports private loopback ports of balanced instances
 * @param logs opens each run's log files and publishes state changes as daemon events
 * @param node the preload and channel of Node apps
 * @param sockets the listening sockets that instances of socket-activated apps inherit
 */
record SupervisionContext(
    ProcessLauncher launcher,
    Clock clock,
    Path jpmHome,
    Map<String, String> daemonEnv,
    ScheduledExecutorService timer,
    ExecutorService exits,
    Runnable changed,
    java.util.function.ObjIntConsumer<String> listening,
    PrivatePorts ports,
    LogRouter logs,
    NodePreload node,
    SharedSockets sockets) {}
