package dev.jpm.engine.export;

/**
 * One file of an export: a unit or an app's manifests.
 *
 * @param name the file name ({@code jpm-api.service}, {@code api.yaml})
 * @param content its text
 */
public record ExportFile(String name, String content) {}
