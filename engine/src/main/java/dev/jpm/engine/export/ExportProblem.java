package dev.jpm.engine.export;

/**
 * Why an app cannot be exported at all (no image for it, a name that collides once made DNS-safe): the CLI locates
 * it in the file as it does the loader's problems.
 *
 * @param app the app's name in the file
 * @param field the key to add or change
 * @param message what is wrong and what to do
 */
public record ExportProblem(String app, String field, String message) {}
