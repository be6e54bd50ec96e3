/**
 * The thin command line face of jpm: picocli verbs that turn options into protocol requests and render the
 * answers. Never starts app processes; loads no YAML, schema or git classes for {@code ls}.
 */
package dev.jpm.cli;
