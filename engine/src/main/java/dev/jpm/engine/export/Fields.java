package dev.jpm.engine.export;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A manifest object as the YAML writer takes it: keys in the order given (the order Kubernetes' own documents use,
 * so output reads as people write it), and a null value leaves its key out, so an unset setting is simply absent.
 */
final class Fields {

  private Fields() {}

  static Map<String, Object> of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("keys and values come in pairs");
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2)
      if (keysAndValues[i + 1] != null) fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return fields;
  }
}
