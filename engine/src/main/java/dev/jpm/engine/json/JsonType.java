package dev.jpm.engine.json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic type to read, captured by an anonymous subclass: {@code new JsonType<List<GitOpsState>>() {}}.
 */
public abstract class JsonType<T> {

  private final Type type;

  protected JsonType() {
    this.type = ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
  }

  Type type() {
    return type;
  }
}
