package dev.jpm.engine.export;

import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Objects as a YAML stream, each document opened by {@code ---}, so that streams of several apps concatenate into one
 * that {@code kubectl apply -f -} reads. snakeyaml-engine quotes what needs it (an env value {@code "5"} stays a
 * string).
 */
final class YamlDocuments {

  private static final DumpSettings SETTINGS = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
      .setExplicitStart(true).setIndent(2).setWidth(120).build();

  private YamlDocuments() {}

  static String of(List<Map<String, Object>> objects) {
    return new Dump(SETTINGS).dumpAllToString(objects.iterator());
  }
}
