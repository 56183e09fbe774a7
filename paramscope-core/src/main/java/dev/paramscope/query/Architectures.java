package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.model.ModelArchitecture;

/** Estimators need an architecture; a closed model known only by an estimate has none. */
final class Architectures {
  private Architectures() {}

  static ModelArchitecture require(ResolvedModel model) {
    return model.architecture().orElseThrow(() -> new BadInputException(model.label(),
        "no architecture known (only a " + model.status() + " of its size: " + model.shortSource()
            + "); this estimate needs a config.json"));
  }
}
