/** Turns protocol answers into text: the process table, plans, durations, JSON. Pure functions of their input. */
package dev.jpm.cli.render;
