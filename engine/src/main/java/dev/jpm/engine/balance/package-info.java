/**
 * Cluster mode's data plane: a TCP front port per balanced app, owned by the daemon, that hands each new
 * connection round-robin to a ready instance's private loopback port and copies bytes both ways (half-close and
 * back-pressure kept) on a few selector threads shared by all front ports. Knows nothing of processes or readiness: the caller
 * admits and drains backends. {@link dev.jpm.engine.balance.Balancer} is the public face.
 */
package dev.jpm.engine.balance;
