package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.FileSignature;
import dev.paramscope.weights.WeightFormatException;
import dev.paramscope.weights.gguf.GgufReader;
import dev.paramscope.weights.safetensors.SafetensorsReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads a local checkpoint's headers whatever its format: a {@code .gguf} file (any part of a
 * split set reads every part), a {@code .safetensors} file, a {@code *.safetensors.index.json},
 * or a directory holding shards of either. A file with another name is identified by its first
 * bytes; one that is neither format is refused with what it looks like (a pickle, a zip, a
 * legacy GGML file).
 *
 * <p>The dispatch sits above the format readers so that they need nothing from it.
 */
final class CheckpointReader {
  private CheckpointReader() {}

  /**
   * @throws BadInputException when the path is missing, holds no checkpoint, or is not one
   * @throws WeightFormatException when a header breaks its format
   */
  static CheckpointSummary read(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new BadInputException(path.toString(), "no such file or directory");
    }
    if (Files.isDirectory(path)) {
      return readDirectory(path);
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gguf")) {
      return GgufReader.read(path);
    }
    if (name.endsWith(".safetensors") || name.endsWith(".index.json")) {
      return SafetensorsReader.read(path);
    }
    String looks = FileSignature.describe(head(path));
    if (looks.equals("GGUF file")) {
      return GgufReader.read(path);
    }
    if (looks.equals("safetensors file")) {
      return SafetensorsReader.read(path);
    }
    throw new BadInputException(path.toString(), "not a GGUF or safetensors checkpoint: " + looks);
  }

  private static CheckpointSummary readDirectory(Path dir) throws IOException {
    if (Files.exists(dir.resolve("model.safetensors.index.json")) || !list(dir, ".safetensors").isEmpty()) {
      return SafetensorsReader.read(dir);
    }
    List<Path> gguf = list(dir, ".gguf");
    if (gguf.size() == 1 || (!gguf.isEmpty() && gguf.get(0).getFileName().toString().matches(".*-00001-of-\\d{5}\\.gguf"))) {
      return GgufReader.read(gguf.get(0));
    }
    if (gguf.size() > 1) {
      throw new BadInputException(dir.toString(), gguf.size() + " unrelated .gguf files; name the one to inspect");
    }
    throw new BadInputException(dir.toString(), "no .safetensors or .gguf files in this directory");
  }

  /** The regular files in {@code dir} whose names end in {@code suffix} (any case), sorted. */
  private static List<Path> list(Path dir, String suffix) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix) && Files.isRegularFile(file)) {
          found.add(file);
        }
      }
    }
    Collections.sort(found);
    return found;
  }

  private static byte[] head(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(16);
    }
  }
}
