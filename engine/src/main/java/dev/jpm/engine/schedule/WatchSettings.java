package dev.jpm.engine.schedule;

import dev.jpm.engine.logs.LogPaths;
import dev.jpm.engine.model.AppSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a watch job of one app is made from; an app whose watch settings change gets a new job (a new baseline).
 *
 * @param roots absolute files or folders to watch
 * @param ignore globs not to watch (see {@link IgnoreRules})
 * @param delayMs quiet time after the last change of a burst before the restart
 * @param ownFiles files jpm itself writes for this app (logs, pid files): never a reason to restart
 * @param jpmHome the daemon's home: its state and default log folder are never a reason either
 */
record WatchSettings(List<Path> roots, List<String> ignore, long delayMs, List<Path> ownFiles, Path jpmHome) {

  WatchSettings {
    roots = List.copyOf(roots);
    ignore = List.copyOf(ignore);
    ownFiles = List.copyOf(ownFiles);
  }

  IgnoreRules ignoreRules() {
    return new IgnoreRules(ignore, ownFiles, jpmHome);
  }

  /** The settings of {@code spec}, or null when it watches nothing. */
  static WatchSettings of(AppSpec spec, Path jpmHome) {
    if (spec.watch().isEmpty()) return null;
    List<Path> own = new ArrayList<>();
    for (int index = 0; index < spec.instances(); index++) {
      LogPaths paths = LogPaths.of(spec.logs(), index, jpmHome);
      for (var file : List.of(paths.out(), paths.error(), paths.combined(), paths.pid())) file.ifPresent(own::add);
    }
    return new WatchSettings(spec.watch().stream().map(Path::of).toList(), spec.ignoreWatch(), spec.watchDelayMs(),
        own.stream().distinct().toList(), jpmHome);
  }
}
