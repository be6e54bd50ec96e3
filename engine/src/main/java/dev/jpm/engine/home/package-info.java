/**
 * The layout of {@code JPM_HOME}, the folder one daemon owns: where its socket, lock, state, logs, pid files and
 * pipes are. The CLI finds its daemon through it and the daemon keeps its files there; nothing here reads or writes
 * those files' contents, but for the short note both read during {@code jpm update} ({@link
 * dev.jpm.engine.home.HandOverNote}).
 */
package dev.jpm.engine.home;
