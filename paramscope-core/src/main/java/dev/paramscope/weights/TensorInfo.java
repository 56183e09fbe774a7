package dev.paramscope.weights;

import java.util.List;
import java.util.Objects;

/**
 * One tensor as a checkpoint header describes it.
 *
 * @param name the tensor name as stored ("blk.0.attn_q.weight", "model.embed_tokens.weight")
 * @param type the ggml type name (GGUF, e.g. "Q4_K") or the safetensors dtype ("BF16")
 * @param shape dimensions outermost first (PyTorch order); GGUF's fastest-first dims reversed
 * @param params element count: the product of the shape (1 for a scalar)
 * @param bytes bytes the tensor's data takes in the file
 * @param offset absolute byte offset of the tensor's data in the file that holds it
 */
public record TensorInfo(String name, String type, List<Long> shape, long params, long bytes,
    long offset) {

  public TensorInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    shape = List.copyOf(shape);
    long product = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw invalid(name, "negative dimension " + dim);
      }
      product = Math.multiplyExact(product, dim);
    }
    if (product != params) {
      throw invalid(name, "params " + params + " != shape product " + product);
    }
    if (bytes < 0 || offset < 0) {
      throw invalid(name, "negative bytes or offset");
    }
  }

  /** The message for a bad tensor. */
  private static IllegalArgumentException invalid(String name, String problem) {
    return new IllegalArgumentException(name + ": " + problem);
  }
}
