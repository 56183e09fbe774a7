package dev.paramscope.config;

import dev.paramscope.model.AudioTower;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiTokenPrediction;
import dev.paramscope.model.Norm;
import dev.paramscope.model.Quantization;
import dev.paramscope.model.VisionTower;
import java.util.ArrayList;
import java.util.List;

/** Collects the parts of a {@link ModelArchitecture} while a family reads its config. */
final class ArchitectureBuilder {
  String name;
  String modelType;
  String torchDtype;
  int vocabSize;
  int hiddenSize;
  int embeddingSize;
  int learnedPositions;
  List<Norm> embeddingNorms = List.of();
  final List<DecoderLayer> layers = new ArrayList<>();
  List<Norm> finalNorms = List.of();
  boolean tieWordEmbeddings;
  boolean lmHeadBias;
  int maxPositionEmbeddings;
  MultiTokenPrediction multiTokenPrediction;
  VisionTower visionTower;
  AudioTower audioTower;
  long extraEmbeddingParams;
  long auxiliaryParams;
  Quantization quantization;
  final List<String> warnings = new ArrayList<>();

  /** Sets vocabulary, hidden size, context length and tying from a rotary decoder's shape. */
  ArchitectureBuilder shape(DecoderShape s) {
    vocabSize = s.vocabSize();
    hiddenSize = s.hiddenSize();
    maxPositionEmbeddings = s.maxPositionEmbeddings();
    tieWordEmbeddings = s.tieWordEmbeddings();
    return this;
  }

  ModelArchitecture build() {
    return new ModelArchitecture(name, modelType, vocabSize, hiddenSize,
        embeddingSize == 0 ? hiddenSize : embeddingSize, learnedPositions, embeddingNorms, layers,
        finalNorms, tieWordEmbeddings, lmHeadBias, maxPositionEmbeddings, torchDtype,
        multiTokenPrediction, warnings, visionTower, quantization, audioTower, extraEmbeddingParams,
        auxiliaryParams);
  }
}
