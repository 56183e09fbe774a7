package dev.paramscope.config;

import java.util.List;

/**
 * Maps one family's config.json keys (one or more {@code model_type}s) to the normalized
 * architecture, stating the family's defaults in one place.
 */
interface Family {
  /** The {@code model_type} values this family reads. */
  List<String> modelTypes();

  /**
   * Fills {@code arch} from {@code config}.
   *
   * @param modelType the model_type it is read as (one of {@link #modelTypes()})
   */
  void read(ConfigObject config, String modelType, ArchitectureBuilder arch);
}
