package dev.jpm.engine.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What normalisation needs besides the app itself.
 *
 * @param baseDir folder that relative {@code cwd} values resolve against (the file's folder)
 * @param source absolute path of the ecosystem file, or null for an app started from the command line
 * @param profile the {@code --env} profile, or null
 * @param variables shell values for {@code ${VAR}}
 * @param jpmHome home of jpm's default log and pid files
 * @param cpuCount what {@code instances: max} means
 * @param environment the daemon's own environment (PATH for commands, HOME for {@code ~})
 */
record LoadContext(Path baseDir, String source, String profile, Map<String, String> variables, Path jpmHome,
    int cpuCount, UnaryOperator<String> environment) {}
