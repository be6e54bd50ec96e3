package dev.jpm.engine.plan;

import dev.jpm.engine.plan.Plan.RolloutGroup;
import dev.jpm.engine.plan.Plan.Step;
import dev.jpm.engine.plan.Plan.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** A plan's steps as the planners add them, each added step able to wait only for those added before it. */
final class StepList {

  private final List<Step> steps = new ArrayList<>();

  /** Adds a step; returns its number. */
  int add(Action action, List<Wait> after, RolloutGroup group) {
    steps.add(new Step(action, after, group));
    return steps.size() - 1;
  }

  int add(Action action, List<Wait> after) {
    return add(action, after, null);
  }

  /** The numbers of the steps added so far for {@code app}, in order. */
  List<Integer> of(String app) {
    return IntStream.range(0, steps.size()).filter(i -> steps.get(i).action().app().equals(app)).boxed().toList();
  }

  Action action(int number) {
    return steps.get(number).action();
  }

  /** Waits for each of {@code numbers}. */
  static List<Wait> done(List<Integer> numbers) {
    return numbers.stream().<Wait>map(Wait.Done::new).toList();
  }

  List<Step> steps() {
    return List.copyOf(steps);
  }
}
