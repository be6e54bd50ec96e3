package dev.jpm.engine.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered steps that converge the process table with a file, plus notes the user should read (apps left
 * behind without {@code --prune}). Data only: executing it is the reconciler's job.
 */
public record Plan(List<Action> actions, List<String> notes) {

  public Plan {
    actions = List.copyOf(actions);
    notes = List.copyOf(notes);
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }

  /** One line per action, then one per note prefixed with {@code !}; the golden text tests compare. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>(actions.size() + notes.size());
    actions.forEach(a -> lines.add(a.render()));
    notes.forEach(n -> lines.add("! " + n));
    return lines;
  }

  @Override
  public String toString() {
    return String.join("\n", lines());
  }
}
