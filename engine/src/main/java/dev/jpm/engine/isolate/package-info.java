/**
 * Code the daemon needs now and then, loaded in a class loader of its own and dropped when idle, so that its
 * classes are unloaded and their memory given back. A daemon lives for months; what it parses once a day should
 * not stay resident for all of them.
 */
package dev.jpm.engine.isolate;
