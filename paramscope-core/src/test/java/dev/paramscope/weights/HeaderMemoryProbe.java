package dev.paramscope.weights;

import dev.paramscope.BadInputException;
import dev.paramscope.weights.gguf.GgufArray;
import dev.paramscope.weights.gguf.GgufReader;
import dev.paramscope.weights.safetensors.SafetensorsReader;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the checkpoint files named on the command line, for {@link LargeHeaderMemoryTest} to run
 * in a JVM with a small heap: prints each file's tensor count and its metadata (values longer than 80
 * characters shown by their ends), or the one-line error, and exits 0 or 2; anything else is a stack trace and exit 1.
 */
public final class HeaderMemoryProbe {
  private HeaderMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    int status = 0;
    for (String arg : args) {
      Path path = Path.of(arg);
      try {
        CheckpointSummary summary = arg.endsWith(".gguf") ? GgufReader.read(path) : SafetensorsReader.read(path);
        System.out.println(path.getFileName() + ": " + summary.tensorCount() + " tensors");
        for (Map.Entry<String, Object> entry : summary.metadata().entrySet()) {
          Object value = entry.getValue() instanceof GgufArray array ? array.values() : entry.getValue();
          String text = value.toString();
          String shown = text.length() <= 80 ? text : text.substring(0, 40) + " ... " + text.substring(text.length() - 40);
          System.out.println("  " + entry.getKey() + " = " + shown + " (" + text.length() + " chars)");
        }
      } catch (BadInputException e) {
        System.err.println(e.getMessage());
        status = 2;
      }
    }
    System.exit(status);
  }
}
