#!/usr/bin/env python3
"""Calibrate paramscope's memory and speed estimators against a real runtime.

On a machine with a CUDA GPU, PyTorch and transformers (no weights are downloaded: every model is
built from its config with random weights), for each config and each (batch, context) point:
  * builds the model with AutoModelForCausalLM.from_config(config, torch_dtype=bfloat16) on the GPU,
  * records the bytes the weights take (torch.cuda.memory_allocated after the build),
  * runs one prefill forward pass with use_cache=True and records the peak allocated memory and the
    bytes the returned KV cache holds,
  * decodes `--decode-steps` tokens one at a time and records tokens/s,
and writes one JSON document:

  {"device": "...", "torch": "...", "transformers": "...",
   "runs": [{"config": "llama-3.1-8b", "batch": 1, "context": 1024, "weights_bytes": ...,
             "kv_cache_bytes": ..., "peak_allocated_bytes": ..., "decode_tokens_per_second": ...}, ...]}

Models are catalog ids (the script reads their configs from the catalog resource) or
config.json paths. The Java test CalibrationTest holds paramscope's weights + KV estimate to
the measured weights + KV cache within 2% when src/test/resources/calibration/*.json exist.

Usage:
  python3 tools/calibrate.py --out paramscope-core/src/test/resources/calibration/h200.json \
      --models llama-3.2-1b,qwen3-0.6b,gemma-2-2b --points 1x1024,8x1024,1x8192
"""
import argparse
import json
import os
import sys
import time

CATALOG = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       "paramscope-core", "src", "main", "resources", "dev", "paramscope", "catalog", "models.json")


def catalog_config(model_id):
    with open(CATALOG) as f:
        entries = json.load(f)["entries"]
    for e in entries:
        if e["id"] == model_id and e.get("config"):
            return dict(e["config"])
    raise SystemExit(f"{model_id}: not a catalog id with a config")


def kv_bytes(cache):
    total = 0
    # transformers >= 4.42 returns a Cache object; older versions a tuple of (k, v) per layer.
    if hasattr(cache, "layers"):
        for layer in cache.layers:
            for name in ("keys", "values"):
                t = getattr(layer, name, None)
                if t is not None:
                    total += t.numel() * t.element_size()
        return total
    if hasattr(cache, "key_cache"):
        for t in list(cache.key_cache) + list(cache.value_cache):
            total += t.numel() * t.element_size()
        return total
    for layer in cache:
        for t in layer:
            total += t.numel() * t.element_size()
    return total


def run_point(torch, model, vocab, batch, context, decode_steps):
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    ids = torch.randint(0, vocab, (batch, context), device="cuda")
    with torch.no_grad():
        out = model(input_ids=ids, use_cache=True)
        cache = out.past_key_values
        kv = kv_bytes(cache)
        peak = torch.cuda.max_memory_allocated()
        next_ids = out.logits[:, -1:].argmax(-1)
        del out
        torch.cuda.synchronize()
        start = time.perf_counter()
        for _ in range(decode_steps):
            step = model(input_ids=next_ids, past_key_values=cache, use_cache=True)
            cache = step.past_key_values
            next_ids = step.logits[:, -1:].argmax(-1)
        torch.cuda.synchronize()
        seconds = time.perf_counter() - start
    del cache
    return kv, peak, batch * decode_steps / seconds if decode_steps else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default="llama-3.2-1b,qwen3-0.6b,gemma-2-2b,qwen2.5-0.5b")
    parser.add_argument("--points", default="1x512,1x2048,4x1024")
    parser.add_argument("--decode-steps", type=int, default=16)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    import torch
    import transformers
    from transformers import AutoConfig, AutoModelForCausalLM

    if not torch.cuda.is_available():
        raise SystemExit("calibrate.py needs a CUDA GPU")
    runs = []
    for model_id in args.models.split(","):
        config_dict = catalog_config(model_id) if not model_id.endswith(".json") else json.load(open(model_id))
        model_type = config_dict.pop("model_type")
        config = AutoConfig.for_model(model_type, **config_dict)
        torch.cuda.empty_cache()
        before = torch.cuda.memory_allocated()
        # Built on the GPU directly: random initialisation of billions of parameters on the CPU
        # would take minutes of a short device lease.
        with torch.device("cuda"):
            model = AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16).eval()
        weights = torch.cuda.memory_allocated() - before
        for point in args.points.split(","):
            batch, context = (int(x) for x in point.split("x"))
            kv, peak, tps = run_point(torch, model, config.vocab_size, batch, context, args.decode_steps)
            runs.append({"config": model_id, "batch": batch, "context": context, "weights_bytes": weights,
                         "kv_cache_bytes": kv, "peak_allocated_bytes": peak, "decode_tokens_per_second": tps})
            print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
            write(args.out, torch, transformers, runs)
        del model
    write(args.out, torch, transformers, runs)


def write(path, torch, transformers, runs):
    """Writes the document after every point, so a run cut short still leaves what it measured."""
    doc = {"device": torch.cuda.get_device_name(0), "torch": torch.__version__,
           "transformers": transformers.__version__, "runs": runs}
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
