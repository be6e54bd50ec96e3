/**
 * Git through JGit (no git binary needed), and nothing else: find the repository a folder is in, read its revision
 * (PM2's vizion fields), move a checkout (fetch, pull target, next, previous, hard reset), and keep a clone of one
 * remote branch or tag. It knows no app, source or restart: callers name what they work on in a label that starts
 * each {@link dev.jpm.engine.git.GitFailure}'s message.
 */
package dev.jpm.engine.git;
