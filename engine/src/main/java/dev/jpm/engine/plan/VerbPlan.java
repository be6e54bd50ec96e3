package dev.jpm.engine.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of an imperative verb ({@code jpm start/stop/restart/delete}) as the executor runs them: waves one after
 * the other; in a wave, lanes in parallel; in a lane, steps in order. Data only, made by {@link VerbPlanner}.
 *
 * @param waves the waves, in order; a wave is a list of lanes, a lane a list of actions
 */
public record VerbPlan(List<List<List<Action>>> waves) {

  public VerbPlan {
    waves = waves.stream().map(wave -> wave.stream().map(List::copyOf).toList()).toList();
  }

  public boolean isEmpty() {
    return waves.isEmpty();
  }

  /** Every action, wave by wave, lane by lane. */
  public List<Action> actions() {
    return waves.stream().flatMap(List::stream).flatMap(List::stream).toList();
  }

  /** The plan as the golden tests read it: {@code wave N}, then one line per lane, its steps joined by {@code ; }. */
  @Override
  public String toString() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < waves.size(); i++) {
      lines.add("wave " + (i + 1));
      for (List<Action> lane : waves.get(i))
        lines.add("  " + String.join("; ", lane.stream().map(Action::render).toList()));
    }
    return String.join("\n", lines);
  }
}
