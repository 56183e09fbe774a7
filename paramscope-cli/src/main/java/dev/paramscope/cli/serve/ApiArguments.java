package dev.paramscope.cli.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line for one API request, built from the command table in {@link ApiRoutes}, or why
 * the request is refused. A value that starts with {@code @} or {@code -} is refused outright: it
 * could only be read as an option or an argument file, never as a model, a number or a name.
 */
record ApiArguments(List<String> args, String refusal, int status) {
  static ApiArguments refuse(int status, String why) {
    return new ApiArguments(List.of(), why, status);
  }

  /** The value that makes {@code query} unsafe to pass on, or null. */
  static String unsafeValue(Map<String, List<String>> query) {
    for (List<String> values : query.values()) {
      for (String value : values) {
        if (value.startsWith("@") || value.startsWith("-")) {
          return value;
        }
      }
    }
    return null;
  }

  /**
   * @param sources the SOURCE arguments, already checked by {@link SourceGuard} (real paths for
   *     local files)
   */
  static ApiArguments of(String command, List<String> sources, Map<String, List<String>> query) {
    List<String> args = new ArrayList<>(List.of(command));
    if (ApiRoutes.NO_SOURCE.contains(command) && !sources.isEmpty()) {
      return refuse(400, command + " takes no source");
    }
    if (ApiRoutes.NEEDS_SOURCE.contains(command) && sources.isEmpty()) {
      return refuse(400, "missing parameter: source");
    }
    if (!command.equals("compare") && sources.size() > 1) {
      return refuse(400, "one source only");
    }
    args.addAll(sources);
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      String name = e.getKey();
      if (name.equals("source") || name.equals("lang")) {
        continue;
      }
      if (!ApiRoutes.OPTIONS.get(command).contains(name)) {
        return refuse(400, "unknown parameter '" + name + "' for " + command);
      }
      String value = e.getValue().get(e.getValue().size() - 1);
      if (!ApiRoutes.FLAGS.contains(name)) {
        args.add("--" + name);
        args.add(value);
      } else if (value.equals("true")) {
        args.add("--" + name);
      }
    }
    if (query.containsKey("lang")) {
      args.add("--lang");
      args.add(query.get("lang").get(0));
    }
    args.add("--format");
    args.add("json");
    return new ApiArguments(List.copyOf(args), null, 200);
  }
}
