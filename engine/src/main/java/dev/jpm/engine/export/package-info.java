/**
 * {@code jpm export}: the apps of an ecosystem file as another engine's native objects (Kubernetes manifests, Nomad
 * jobs, systemd units), and a fidelity report of every setting the target cannot express. Pure: specs in, text and
 * report lines out; writing files and printing is the CLI's. Entry point: {@link dev.jpm.engine.export.ExportTarget}.
 */
package dev.jpm.engine.export;
