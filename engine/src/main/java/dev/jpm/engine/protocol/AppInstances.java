package dev.jpm.engine.protocol;

import dev.jpm.engine.model.AppSpec;
import java.util.List;

/**
 * One app as {@code jlist} needs it: its applied spec and the rows of the instances asked for.
 *
 * @param spec the spec the app was applied with
 * @param instances the instances asked for, by index
 */
public record AppInstances(AppSpec spec, List<InstanceView> instances) {}
