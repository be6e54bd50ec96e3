/** Talks to the daemon: connect to its socket, or start it and wait for it (the mvnd pattern). */
package dev.jpm.cli.client;
