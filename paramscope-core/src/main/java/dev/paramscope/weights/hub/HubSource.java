package dev.paramscope.weights.hub;

import dev.paramscope.BadInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hf://org/name[@revision][/file]}, checked so that no part can change the path the
 * request goes to: repo ids as the hub allows them (no {@code --} or {@code ..}), and no
 * {@code .} or {@code ..} segment, empty segment, backslash or control character in the revision
 * or the file path (the URL would be normalised by the server, and the token sent with it).
 */
record HubSource(String repo, String revision, String file) {
  private static final Pattern SOURCE = Pattern.compile(
      "hf://([A-Za-z0-9][A-Za-z0-9_.-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.-]{0,95})(?:@([A-Za-z0-9_.\\-]{1,128}))?(?:/(.+))?");
  private static final String EXPECTED = "expected hf://org/name, hf://org/name@revision or hf://org/name/file";

  static HubSource parse(String source) {
    Matcher m = SOURCE.matcher(source);
    if (!m.matches()) {
      throw new BadInputException(source, EXPECTED);
    }
    String repo = m.group(1);
    String revision = m.group(2) == null ? "main" : m.group(2);
    if (repo.contains("..") || repo.contains("--") || repo.endsWith(".") || !safePath(revision)) {
      throw new BadInputException(source, EXPECTED + " (no '..' or '--' in names)");
    }
    String file = m.group(3);
    if (file != null && !safePath(file)) {
      throw new BadInputException(source, "the file path may not hold '.' or '..' segments, empty segments,"
          + " backslashes or control characters");
    }
    return new HubSource(repo, revision, file);
  }

  /** A relative path whose every segment is a plain name. */
  static boolean safePath(String path) {
    if (path.isEmpty() || path.length() > 1024 || path.indexOf('\\') >= 0) {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        return false;
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
