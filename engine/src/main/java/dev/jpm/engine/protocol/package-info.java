/**
 * The versioned request/response protocol between the CLI and the daemon: sealed records on the wire as JSON,
 * framed with a 4-byte length. Small on purpose: the CLI loads only this package (and Jackson) for {@code ls}.
 */
package dev.jpm.engine.protocol;
