/**
 * The thin command line face of jpm: picocli verbs that turn options into protocol requests and render the
 * answers. Never starts app processes. Reads the ecosystem files (and PM2's one-liners) a user gives, with the
 * engine's config package, and sends the normalised apps; loads no YAML, schema or git classes for {@code ls}.
 */
package dev.jpm.cli;
