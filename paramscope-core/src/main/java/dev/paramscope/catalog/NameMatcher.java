package dev.paramscope.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the known names closest to a name nobody knows, for "unknown id, did you mean ..." messages.
 *
 * <p>A candidate matches when one name contains the other, or when their Levenshtein distance
 * (insertions, deletions, substitutions; computed on lowercase text) is at most a third of the
 * longer name, and at least 2. Results are ordered by distance, then alphabetically.
 */
public final class NameMatcher {
  /** The most suggestions {@link #closeMatches} returns. */
  public static final int MAX_SUGGESTIONS = 5;

  private NameMatcher() {}

  /** Up to {@value #MAX_SUGGESTIONS} candidates close to {@code query}, best first. */
  public static List<String> closeMatches(String query, Collection<String> candidates) {
    String wanted = normalize(query);
    if (wanted.isEmpty()) {
      return List.of();
    }
    record Scored(String name, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String candidate : candidates) {
      String known = normalize(candidate);
      int distance = distance(wanted, known);
      boolean contains = known.contains(wanted) || wanted.contains(known);
      int allowed = Math.max(2, Math.max(wanted.length(), known.length()) / 3);
      if (contains || distance <= allowed) {
        scored.add(new Scored(candidate, contains ? Math.min(distance, 1) : distance));
      }
    }
    return scored.stream()
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(MAX_SUGGESTIONS)
        .map(Scored::name)
        .toList();
  }

  /** Levenshtein distance between two strings, with two rolling rows; also suggests model types. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String normalize(String name) {
    return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
  }
}
