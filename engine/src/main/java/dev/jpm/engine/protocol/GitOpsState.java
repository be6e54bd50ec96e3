package dev.jpm.engine.protocol;

/** A GitOps source and its status: what {@code jpm gitops ls} shows and what the daemon persists. */
public record GitOpsState(GitOpsSource source, GitOpsStatus status) {}
