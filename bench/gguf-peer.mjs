// The peer for paramscope's GGUF benchmark: @huggingface/gguf 0.4.6 parsing a local GGUF header.
// Usage: node gguf-peer.mjs FILE ITERATIONS   (NODE_PATH or a node_modules folder must hold the package)
// Prints one JSON line: the median and minimum wall time of an in-process parse, and what it read.
import { gguf } from "@huggingface/gguf";

const [file, iterationsText = "1"] = process.argv.slice(2);
const iterations = Number.parseInt(iterationsText, 10);
const times = [];
let result;
for (let i = 0; i < iterations; i++) {
  const start = performance.now();
  result = await gguf(file, { allowLocalFile: true });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({
  file,
  iterations,
  median_ms: times[Math.floor(times.length / 2)],
  min_ms: times[0],
  tensor_count: result.tensorInfos.length,
  kv_count: Object.keys(result.metadata).length,
}));
