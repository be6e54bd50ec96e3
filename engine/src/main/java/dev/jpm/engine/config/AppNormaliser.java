package dev.jpm.engine.config;

import dev.jpm.engine.model.AppSpec;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes located app objects through every step after reading: canonical keys, PM2 coercions, the schema, the
 * mapping into {@link AppSpec}, and the checks across apps. Shared by files and the command-line one-liner.
 */
final class AppNormaliser {

  private static final Vocabulary VOCABULARY = Vocabulary.INSTANCE;
  private static final KeyCanonicaliser CANONICALISER = new KeyCanonicaliser(VOCABULARY);
  private static final Pm2Coercions COERCIONS = new Pm2Coercions(VOCABULARY);
  private static final SchemaValidator VALIDATOR = new SchemaValidator(VOCABULARY);

  private AppNormaliser() {}

  /** Does nothing: calling it initialises this class, and so builds the schema validator. */
  static void prepare() {}

  /** The normalised apps in file order; any problem is added to {@code problems} and its app left out. */
  static List<AppSpec> normalise(List<AppNode> apps, SourceTree tree, LoadContext context, Problems problems) {
    SpecMapper mapper = new SpecMapper(context);
    List<AppScope> scopes = new ArrayList<>();
    List<AppSpec> specs = new ArrayList<>();
    for (AppNode app : apps) {
      // The name as written serves the key warnings; after canonicalisation a 'cmd' alias also yields a name.
      CANONICALISER.canonicalise(app.node(), app.pointer(), tree, SpecMapper.nameOf(app.node()), problems);
      AppScope scope = new AppScope(tree, app.pointer(), SpecMapper.nameOf(app.node()), problems);
      scopes.add(scope);
      COERCIONS.apply(app.node());
      boolean valid = validate(app, scope);
      if (!app.node().has("script")) continue;
      // An app with schema errors is still mapped (without the bad keys) to report a missing script or cwd too.
      try {
        mapper.map(app.node(), scope).filter(spec -> valid).ifPresent(specs::add);
      } catch (InvalidPathException e) { // e.g. a "\0" escape in a path: bad input, not a bug
        problems.error(tree.valueAt(app.pointer()), scope.name(), null, "not a usable path: " + e.getMessage());
      }
    }
    AppGraph.check(apps, scopes);
    return specs;
  }

  private static boolean validate(AppNode app, AppScope scope) {
    List<SchemaValidator.Violation> violations = VALIDATOR.validate(app.node());
    for (SchemaValidator.Violation v : violations) {
      String pointer = app.pointer() + v.pointer();
      Position at = v.atKey() ? scope.tree().keyAt(pointer) : scope.tree().valueAt(pointer);
      String field = field(v.atKey() ? SourceTree.parent(v.pointer()) : v.pointer());
      scope.problems().error(at, scope.name(), field, v.message());
      if (!v.pointer().isEmpty()) app.node().remove(topLevelKey(v.pointer()));
    }
    return violations.isEmpty();
  }

  private static String topLevelKey(String relativePointer) {
    int end = relativePointer.indexOf('/', 1);
    String segment = end < 0 ? relativePointer.substring(1) : relativePointer.substring(1, end);
    return segment.replace("~1", "/").replace("~0", "~");
  }

  /** {@code /env/PORT} reads {@code env.PORT}; {@code /depends_on/0} reads {@code depends_on[0]}. */
  static String field(String relativePointer) {
    if (relativePointer.isEmpty()) return null;
    StringBuilder field = new StringBuilder();
    for (String segment : relativePointer.substring(1).split("/", -1)) {
      String key = segment.replace("~1", "/").replace("~0", "~");
      if (key.chars().allMatch(Character::isDigit) && !field.isEmpty()) field.append('[').append(key).append(']');
      else field.append(field.isEmpty() ? "" : ".").append(key);
    }
    return field.toString();
  }
}
