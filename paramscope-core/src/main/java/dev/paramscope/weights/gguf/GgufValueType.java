package dev.paramscope.weights.gguf;

/**
 * GGUF metadata value types ({@code enum gguf_type} in ggml's gguf.h; gguf-py
 * {@code GGUFValueType}). Ids 10-12 arrived with GGUF v2 and are accepted in every version.
 */
enum GgufValueType {
  UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4),
  FLOAT32(6, 4), BOOL(7, 1), STRING(8, -1), ARRAY(9, -1), UINT64(10, 8), INT64(11, 8),
  FLOAT64(12, 8);

  private static final GgufValueType[] BY_ID = values();

  private final int id;
  private final int fixedBytes;

  GgufValueType(int id, int fixedBytes) {
    this.id = id;
    this.fixedBytes = fixedBytes;
  }

  /** Bytes one value takes, or -1 for STRING and ARRAY (variable). */
  int fixedBytes() {
    return fixedBytes;
  }

  /** The type with this id, or null when GGUF defines none. */
  static GgufValueType byId(long id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
  }

  int id() {
    return id;
  }
}
