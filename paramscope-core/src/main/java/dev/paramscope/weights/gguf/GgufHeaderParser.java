package dev.paramscope.weights.gguf;

import dev.paramscope.BadInputException;
import dev.paramscope.precision.GgmlType;
import dev.paramscope.weights.ByteSource;
import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.FileSignature;
import dev.paramscope.weights.TensorInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one GGUF file's header, following the GGUF specification (ggml docs/gguf.md):
 * magic "GGUF", u32 version, tensor_count and metadata_kv_count (u64; u32 in v1), the
 * key-value pairs, the tensor infos (name, u32 n_dimensions, dimensions u64 each (u32 in
 * v1), u32 ggml type, u64 offset), padding to {@code general.alignment} (default 32), then
 * tensor data, which is never read.
 *
 * <p>Checks (as llama.cpp's gguf.cpp does): at most 4 dimensions, none negative, element
 * count without overflow, first dimension a multiple of the type's block size, unique
 * tensor names, offsets aligned, inside the file and not overlapping.
 */
final class GgufHeaderParser {
  private static final Comparator<TensorInfo> BY_OFFSET = Comparator.comparingLong(TensorInfo::offset);
  /** ggml's GGML_MAX_DIMS. */
  static final int MAX_DIMS = 4;
  /** Far above any real model (DeepSeek-V3 has ~1,100 tensors); bounds memory. */
  static final long MAX_TENSORS = 1L << 20;
  static final long MAX_KV = 1L << 20;
  static final int DEFAULT_ALIGNMENT = 32;

  private final ByteSource source;
  private final HeaderCursor cursor;

  private GgufHeaderParser(ByteSource source) throws IOException {
    this.source = source;
    this.cursor = new HeaderCursor(source);
  }

  /** Parses the header of the GGUF file in {@code source}. */
  static GgufHeader parse(ByteSource source) throws IOException {
    return new GgufHeaderParser(source).parse();
  }

  private GgufHeader parse() throws IOException {
    checkMagic();
    long versionAt = cursor.position();
    long version = cursor.u32("version");
    if (version < 1 || version > 3) {
      String hint = (version & 0xffff) == 0 ? " (byte-swapped: a big-endian GGUF?)" : "";
      throw cursor.error("version", versionAt, "unsupported GGUF version " + version + hint
          + "; this reader knows 1-3");
    }
    GgufMetadataParser values = new GgufMetadataParser(cursor, (int) version);
    long tensorCount = count(values, "tensor_count", MAX_TENSORS);
    long kvCount = count(values, "metadata_kv_count", MAX_KV);
    Map<String, Object> metadata = values.readPairs(kvCount);
    List<TensorInfo> relative = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (long i = 0; i < tensorCount; i++) {
      relative.add(readTensorInfo(values, (int) version, i, names));
    }
    int alignment = alignment(metadata);
    long dataOffset = alignUp(cursor.position(), alignment);
    if (dataOffset > cursor.size() && tensorCount > 0) {
      throw cursor.error("tensor_data", cursor.position(), "file ends before the data section");
    }
    List<TensorInfo> tensors = placeTensors(relative, alignment, dataOffset);
    CheckpointFile file = new CheckpointFile(source.name(), cursor.size(),
        Math.min(dataOffset, cursor.size()), tensors.size());
    return new GgufHeader((int) version, kvCount, metadata, tensors, file);
  }

  private void checkMagic() throws IOException {
    int length = (int) Math.min(16, cursor.size());
    byte[] head = cursor.bytes(length, "magic");
    if (length < 4 || !"GGUF".equals(new String(head, 0, 4, StandardCharsets.ISO_8859_1))) {
      throw cursor.error("magic", 0, "not a GGUF file: " + FileSignature.describe(head));
    }
    cursor.seek(4); // 16 bytes were read to describe a foreign file; the magic is 4
  }

  private long count(GgufMetadataParser values, String field, long max) throws IOException {
    long at = cursor.position();
    long count = values.readLength(field);
    if (count > max) {
      throw cursor.error(field, at, field + " " + count + " exceeds the limit " + max);
    }
    cursor.require(count, field); // each entry takes more than a byte
    return count;
  }

  private TensorInfo readTensorInfo(GgufMetadataParser values, int version, long index,
      Set<String> names) throws IOException {
    String field = "tensor_infos[" + index + "]";
    long nameAt = cursor.position();
    String name = values.readName(field + ".name");
    if (!names.add(name)) {
      throw cursor.error(field + ".name", nameAt, "duplicate tensor name '" + name + "'");
    }
    field = "tensor_infos[" + name + "]";
    long dimsAt = cursor.position();
    long nDims = cursor.u32(field + ".n_dimensions");
    if (nDims > MAX_DIMS) {
      throw cursor.error(field + ".n_dimensions", dimsAt, nDims + " dimensions; ggml allows at most "
          + MAX_DIMS);
    }
    long[] dims = new long[(int) nDims];
    for (int d = 0; d < nDims; d++) {
      long at = cursor.position();
      dims[d] = version == 1 ? cursor.u32(field + ".dimensions") : cursor.u64(field + ".dimensions");
      if (dims[d] < 0) {
        throw cursor.error(field + ".dimensions", at, "dimension "
            + Long.toUnsignedString(dims[d]) + " is out of range (negative as int64)");
      }
    }
    long typeAt = cursor.position();
    long typeId = cursor.u32(field + ".type");
    GgmlType type = ggmlType(typeId, field + ".type", typeAt);
    long offsetAt = cursor.position();
    long offset = cursor.u64(field + ".offset");
    if (offset < 0) {
      throw cursor.error(field + ".offset", offsetAt, "offset " + Long.toUnsignedString(offset)
          + " is out of range");
    }
    return tensor(name, type, dims, offset, field, dimsAt);
  }

  private GgmlType ggmlType(long id, String field, long at) {
    try {
      return GgmlType.byId(id);
    } catch (BadInputException e) {
      throw cursor.error(field, at, e.getMessage().replaceFirst("^ggml type: ", "ggml type "));
    }
  }

  private TensorInfo tensor(String name, GgmlType type, long[] dims, long offset, String field,
      long dimsAt) {
    long params = 1;
    List<Long> shape = new ArrayList<>();
    try {
      for (int d = dims.length - 1; d >= 0; d--) {
        params = Math.multiplyExact(params, dims[d]);
        shape.add(dims[d]);
      }
    } catch (ArithmeticException e) {
      throw cursor.error(field + ".dimensions", dimsAt, "element count of "
          + Arrays.toString(dims) + " overflows int64");
    }
    long rowLength = dims.length > 0 ? dims[0] : 1; // a 0-d tensor is one element
    if (rowLength % type.blockSize() != 0) {
      throw cursor.error(field + ".dimensions", dimsAt, "first dimension " + rowLength
          + " is not a multiple of " + type.name() + "'s block size " + type.blockSize());
    }
    long bytes;
    try {
      bytes = type.bytesFor(params);
    } catch (ArithmeticException e) {
      throw cursor.error(field + ".dimensions", dimsAt, "byte size of " + params + " "
          + type.name() + " elements overflows int64");
    }
    // offset is relative to the data section here; placeTensors makes it absolute.
    return new TensorInfo(name, type.name(), shape, params, bytes, offset);
  }

  private int alignment(Map<String, Object> metadata) {
    Object value = metadata.get("general.alignment");
    if (value == null) {
      return DEFAULT_ALIGNMENT;
    }
    if (!(value instanceof Long) || (Long) value <= 0 || (Long) value > (1 << 30)
        || Long.bitCount((Long) value) != 1) {
      throw cursor.error("general.alignment", -1, "alignment " + value
          + " is not a power of two up to 2^30");
    }
    return (int) (long) (Long) value;
  }

  static long alignUp(long position, int alignment) {
    return Math.addExact(position, (alignment - position % alignment) % alignment);
  }

  /** Makes offsets absolute and checks alignment, bounds and overlap. */
  private List<TensorInfo> placeTensors(List<TensorInfo> relative, int alignment,
      long dataOffset) {
    long dataBytes = cursor.size() - dataOffset;
    List<TensorInfo> placed = new ArrayList<>(relative.size());
    for (TensorInfo t : relative) {
      String field = "tensor_infos[" + t.name() + "].offset";
      if (t.offset() % alignment != 0) {
        throw cursor.error(field, -1, "offset " + t.offset() + " is not a multiple of the "
            + alignment + "-byte alignment");
      }
      if (t.offset() > dataBytes || t.bytes() > dataBytes - t.offset()) {
        throw cursor.error(field, -1, "data [" + t.offset() + ", +" + t.bytes()
            + ") runs past the end of the file (data section holds " + dataBytes + " bytes)");
      }
      placed.add(new TensorInfo(t.name(), t.type(), t.shape(), t.params(), t.bytes(),
          dataOffset + t.offset()));
    }
    List<TensorInfo> sorted = new ArrayList<>(placed);
    sorted.sort(BY_OFFSET);
    for (int i = 1; i < sorted.size(); i++) {
      TensorInfo before = sorted.get(i - 1);
      TensorInfo t = sorted.get(i);
      if (t.offset() < before.offset() + before.bytes()) {
        throw cursor.error("tensor_infos[" + t.name() + "].offset", -1, "data overlaps tensor '"
            + before.name() + "'");
      }
    }
    return placed;
  }
}
