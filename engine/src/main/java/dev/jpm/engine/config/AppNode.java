package dev.jpm.engine.config;

import tools.jackson.databind.node.ObjectNode;

/** One app object of the file and the JSON pointer where it sits ({@code /apps/0}, {@code /0} or the root). */
record AppNode(String pointer, ObjectNode node) {}
