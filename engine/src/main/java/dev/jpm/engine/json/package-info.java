/**
 * Java records as JSON, on Jackson's streaming parser and generator only: what the protocol and the daemon's state
 * files need (records, strings, numbers, booleans, enums by name, lists, sets, string-keyed maps, and sealed
 * interfaces named by a {@code type} property), with snake_case field names. Jackson's databind would do the same
 * with some 850 more classes resident in the daemon for its whole life; this package is a few.
 */
package dev.jpm.engine.json;
