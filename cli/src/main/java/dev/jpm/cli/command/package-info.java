/** One class per verb: options in, a request out, the answer rendered. */
package dev.jpm.cli.command;
