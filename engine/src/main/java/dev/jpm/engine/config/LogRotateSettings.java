package dev.jpm.engine.config;

import dev.jpm.engine.model.LogRotation;
import java.util.List;

/**
 * The daemon-wide rotation default: the {@code log_rotate:} section of {@code JPM_HOME/settings.yaml}, with the
 * same shape as an app's {@code log_rotate}, as {@link LogRotateSettingsReader} reads it. Plain data, shared with
 * the config stack the daemon loads in a class loader of its own.
 *
 * @param rotation the default (NONE when the file or the section is absent or wrong)
 * @param problems what is wrong with the section, each {@code file:line:col: ...}
 */
public record LogRotateSettings(LogRotation rotation, List<String> problems) {}
