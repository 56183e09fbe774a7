package dev.paramscope.weights.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds tiny safetensors files for tests: tensors laid out back to back as the safetensors
 * library writes them, or any raw header text through {@link #file(String, long)}.
 */
public final class SafetensorsFixtureWriter {
  private final List<String> entries = new ArrayList<>();
  private long dataBytes;

  /** A tensor with the given dtype name and shape, its bytes = product x bits / 8. */
  public SafetensorsFixtureWriter tensor(String name, SafetensorsDtype dtype, long... shape) {
    long elements = 1;
    StringBuilder dims = new StringBuilder();
    for (long d : shape) {
      elements *= d;
      dims.append(dims.length() == 0 ? "" : ",").append(d);
    }
    long bytes = dtype.bytesFor(elements);
    entries.add(String.format(Locale.ROOT,
        "\"%s\":{\"dtype\":\"%s\",\"shape\":[%s],\"data_offsets\":[%d,%d]}",
        name, dtype.name(), dims, dataBytes, dataBytes + bytes));
    dataBytes += bytes;
    return this;
  }

  /** Adds a {@code __metadata__} object written verbatim, e.g. {@code {"format":"pt"}}. */
  public SafetensorsFixtureWriter metadata(String objectJson) {
    entries.add(0, "\"__metadata__\":" + objectJson);
    return this;
  }

  public String headerJson() {
    return "{" + String.join(",", entries) + "}";
  }

  public long dataBytes() {
    return dataBytes;
  }

  public byte[] bytes() {
    return file(headerJson(), dataBytes);
  }

  public Path write(Path path) throws IOException {
    return Files.write(path, bytes());
  }

  /** An 8-byte LE length, the header text (UTF-8), then {@code dataBytes} zero bytes. */
  public static byte[] file(String headerJson, long dataBytes) {
    return file(headerJson.getBytes(StandardCharsets.UTF_8), dataBytes);
  }

  public static byte[] file(byte[] header, long dataBytes) {
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + header.length + dataBytes))
        .order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(header.length).put(header);
    return out.array();
  }
}
