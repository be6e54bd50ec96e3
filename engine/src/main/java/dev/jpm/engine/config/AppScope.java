package dev.jpm.engine.config;

/** Reports problems of one app at the place in the file where the offending key or value is written. */
record AppScope(SourceTree tree, String pointer, String name, Problems problems) {

  void error(String field, String message) {
    problems.error(tree.valueAt(member(field)), name, field, message);
  }

  /** An error at an explicit pointer, for fields whose names may themselves contain dots ({@code env.A.B}). */
  void errorAt(String memberPointer, String field, String message) {
    problems.error(tree.valueAt(memberPointer), name, field, message);
  }

  void errorAtKey(String field, String message) {
    problems.error(tree.keyAt(member(field)), name, field, message);
  }

  void warningAtKey(String field, String message) {
    problems.warning(tree.keyAt(member(field)), name, field, message);
  }

  /** The pointer of a dotted field below the app: {@code env.PORT} becomes {@code <app>/env/PORT}. */
  String member(String field) {
    String result = pointer;
    for (String part : field.split("\\.")) {
      int bracket = part.indexOf('[');
      if (bracket < 0) {
        result = SourceTree.child(result, part);
      } else {
        result = SourceTree.child(result, part.substring(0, bracket));
        result = SourceTree.child(result, Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
      }
    }
    return result;
  }
}
