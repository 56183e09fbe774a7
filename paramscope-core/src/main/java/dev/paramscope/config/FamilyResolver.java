package dev.paramscope.config;

import dev.paramscope.BadInputException;
import dev.paramscope.catalog.NameMatcher;
import dev.paramscope.model.ModelArchitecture;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Chooses the family that reads a config: by {@code model_type}, else by a nested
 * {@code text_config}'s type (multimodal wrappers), else the assumed family; and fills in
 * what every family shares (display name, dtype, warnings).
 */
final class FamilyResolver {
  private FamilyResolver() {}

  static ModelArchitecture resolve(ConfigObject config, String assume) {
    String type = config.text("model_type");
    ConfigObject body = config;
    Family family = type == null ? null : FamilyRegistry.find(type);
    String readAs = type;
    ArchitectureBuilder arch = new ArchitectureBuilder();
    if (family == null && config.child("text_config") != null) {
      ConfigObject text = config.child("text_config");
      String textType = text.text("model_type");
      if (textType != null && FamilyRegistry.find(textType) != null) {
        body = text;
        family = FamilyRegistry.find(textType);
        readAs = textType;
        arch.warnings.add("model_type '" + type + "' is multimodal: counted its language model ("
            + "text_config, model_type '" + textType + "') only; vision tower and projector not counted");
      }
    }
    if (family == null) {
      family = assumed(config, type, assume);
      readAs = assume;
      arch.warnings.add("model_type '" + (type == null ? "(missing)" : type)
          + "' is not supported; counted as '" + assume + "' (--assume)");
    } else if (assume != null && !assume.equals(readAs)) {
      arch.warnings.add("--assume " + assume + " ignored: model_type '" + readAs + "' is supported");
    }
    arch.name = displayName(config);
    arch.modelType = readAs;
    arch.torchDtype = firstText(body, config, "torch_dtype", "dtype");
    arch.quantization = QuantizationConfig.read(body.has("quantization_config") ? body : config);
    try {
      family.read(body, readAs, arch);
      return arch.build();
    } catch (IllegalArgumentException e) {
      throw config.problem(e.getMessage());
    } catch (ArithmeticException e) {
      throw config.problem("sizes overflow a 64-bit integer");
    }
  }

  private static Family assumed(ConfigObject config, String type, String assume) {
    String supported = String.join(", ", FamilyRegistry.supportedModelTypes());
    if (assume == null) {
      String what = type == null ? "missing model_type" : "unsupported model_type '" + type + "'"
          + nearest(type).map(n -> " (nearest supported: " + n + ")").orElse("");
      throw config.problem(what + "; supported: " + supported + " (or pass --assume FAMILY)");
    }
    Family family = FamilyRegistry.find(assume);
    if (family == null) {
      throw new BadInputException(config.source(),
          "--assume: unknown family '" + assume + "'; supported: " + supported);
    }
    return family;
  }

  /**
   * The supported type closest to {@code type} by edit distance (ties: the first in sorted order),
   * when it is within half the type's length: "qwen4_moe" suggests "qwen3_moe".
   */
  static java.util.Optional<String> nearest(String type) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String t = type.length() > 64 ? type.substring(0, 64) : type;
    for (String candidate : FamilyRegistry.supportedModelTypes()) {
      int d = NameMatcher.distance(t, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(1, t.length() / 2) ? java.util.Optional.ofNullable(best) : java.util.Optional.empty();
  }

  private static String displayName(ConfigObject config) {
    String name = config.text("_name_or_path");
    if (name != null && !name.isBlank()) {
      return name;
    }
    String source = config.source();
    if (source.endsWith("config.json")) {
      try {
        Path parent = Path.of(source).getParent();
        return parent == null || parent.getFileName() == null ? "config.json"
            : parent.getFileName().toString();
      } catch (InvalidPathException e) {
        return "config.json";
      }
    }
    return source;
  }

  private static String firstText(ConfigObject body, ConfigObject outer, String... keys) {
    for (ConfigObject c : new ConfigObject[] {body, outer}) {
      for (String key : keys) {
        if (c.text(key) != null) {
          return c.text(key);
        }
      }
    }
    return null;
  }
}
