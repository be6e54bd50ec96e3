package dev.jpm.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The steps that converge the process table, as a graph: each step is an action with the steps it waits for, listed
 * in an order where every edge points back (a step waits only for earlier ones), plus notes the user should read
 * (apps left behind without {@code --prune}). Steps whose waits are met run in parallel. Data only: the reconciler
 * walks it and decides nothing.
 */
public record Plan(List<Step> steps, List<String> notes) {

  public static final Plan EMPTY = new Plan(List.of(), List.of());

  public Plan {
    steps = List.copyOf(steps);
    notes = List.copyOf(notes);
    for (int i = 0; i < steps.size(); i++)
      for (Wait wait : steps.get(i).after())
        for (int on : wait.steps())
          if (on < 0 || on >= i)
            throw new IllegalArgumentException("step " + i + " (" + steps.get(i).action().render()
                + ") waits for step " + on + ": a step waits only for earlier ones");
  }

  /**
   * One action and what it waits for.
   *
   * @param after the steps (and conditions) that must be met before it runs; empty = at once
   * @param group the rollout of its app it belongs to (restarts), or null
   */
  public record Step(Action action, List<Wait> after, RolloutGroup group) {
    public Step {
      after = List.copyOf(after);
    }
  }

  /** What a step waits for. */
  public sealed interface Wait {

    /** The earlier steps this wait covers: the executor runs the step only once they are done. */
    List<Integer> steps();

    /** Another step is done (an instance stopped, launched, removed...). */
    record Done(int step) implements Wait {
      public List<Integer> steps() {
        return List.of(step);
      }
    }

    /**
     * A {@code depends_on} app meets its condition: its steps in this plan ({@code steps}) are done, then every
     * instance it has is online past min_uptime ({@code started}) or ready ({@code ready}); checked when the
     * waiting step is due, as the app may run already and not be in the plan at all.
     */
    record Ready(String app, dev.jpm.engine.model.Dependency.Condition condition, List<Integer> steps)
        implements Wait {
      public Ready {
        steps = List.copyOf(steps);
      }
    }
  }

  /**
   * The restarts of one app that roll together: as many replacements at once as the surge and unavailable window
   * allows ({@code max_surge}, {@code max_unavailable}), taken in plan order; the first failed replacement ends the
   * rollout (those in flight finish, the rest are skipped).
   */
  public record RolloutGroup(String app, int maxSurge, int maxUnavailable) {}

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  public List<Action> actions() {
    return steps.stream().map(Step::action).toList();
  }

  /**
   * One line per step, its waits after the action ({@code + start api#0 (new app) after db ready}, {@code - remove
   * api#2 (instances 4 → 2) after api#3}), then one per note prefixed with {@code !}; the golden text tests compare.
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>(steps.size() + notes.size());
    steps.forEach(step -> lines.add(step.action().render() + after(step)));
    notes.forEach(n -> lines.add("! " + n));
    return lines;
  }

  private String after(Step step) {
    if (step.after().isEmpty()) return "";
    return " after " + step.after().stream().map(wait -> switch (wait) {
      case Wait.Done done -> steps.get(done.step()).action().subject();
      case Wait.Ready ready -> ready.app() + " " + ready.condition().name().toLowerCase(java.util.Locale.ROOT);
    }).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return String.join("\n", lines());
  }
}
