#!/usr/bin/env python3
"""Remote inspect benchmark (issue 13): ./paramscope inspect hf://... against huggingface_hub's
get_safetensors_metadata, both reading the same loopback Hub, side by side in one run.

  bench/remote.py [--quick] [--repeats N] [--delay-ms 50] [--out bench/results/remote.json]
                  [--launcher "java ... -jar paramscope.jar"] [--peer-python python3]

--launcher and --peer-python run a prepared jar and an installed peer (PYTHONPATH) instead of
building with Maven and installing the peer into a venv (for a machine without either).

The loopback Hub serves a 163-shard DeepSeek-V3-shaped safetensors repo: tensor names, shapes and
dtypes follow DeepSeek-V3's config.json (61 layers, the first 3 dense, 256 routed experts and one
shared, MLA attention, FP8 weights with 128x128-block weight_scale_inv, one MTP layer), shards
filled in model order to equal bytes; files are sparse (the header is real, the data zeros, made
on the fly). resolve/ answers a weight file with a 302 to a second port (the CDN, another origin)
carrying X-Linked-Etag/X-Linked-Size/X-Repo-Commit as the Hub does; small JSON files come
straight from the Hub. Every response waits --delay-ms first (a round trip). Both sides get a
token (HF_TOKEN) and a fresh HF_HUB_CACHE; the CDN counts the Authorization headers it receives.

The peer is huggingface_hub, pinned below, installed from the local wheel folder into a venv.
"""
import argparse
import hashlib
import http.server
import json
import os
import platform
import re
import resource
import shutil
import socketserver
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEER = "huggingface_hub==1.33.0"
WHEELS = "/opt/pypi/files"
REPO = "deepseek-ai/DeepSeek-V3"
SHARDS = 163
COMMIT = "86518964eaef84e3fdd98e9861759a1384f9c29d"
TOKEN = "hf_bench_token"

# DeepSeek-V3 config.json (https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json)
CONFIG = {"architectures": ["DeepseekV3ForCausalLM"], "model_type": "deepseek_v3", "hidden_size": 7168,
          "intermediate_size": 18432, "moe_intermediate_size": 2048, "num_hidden_layers": 61,
          "num_attention_heads": 128, "num_key_value_heads": 128, "n_routed_experts": 256, "n_shared_experts": 1,
          "num_experts_per_tok": 8, "first_k_dense_replace": 3, "moe_layer_freq": 1, "q_lora_rank": 1536,
          "kv_lora_rank": 512, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128,
          "vocab_size": 129280, "num_nextn_predict_layers": 1, "tie_word_embeddings": False,
          "rms_norm_eps": 1e-06, "max_position_embeddings": 163840, "topk_method": "noaux_tc",
          "n_group": 8, "topk_group": 4, "routed_scaling_factor": 2.5, "norm_topk_prob": True,
          "scoring_func": "sigmoid", "hidden_act": "silu", "torch_dtype": "bfloat16",
          "quantization_config": {"activation_scheme": "dynamic", "fmt": "e4m3", "quant_method": "fp8",
                                  "weight_block_size": [128, 128]}}
DTYPE_BYTES = {"F8_E4M3": 1, "BF16": 2, "F32": 4}


def log(message):
    print(message, file=sys.stderr, flush=True)


def tensors():
    """(name, dtype, shape) of every DeepSeek-V3 tensor, in model order."""
    h, c = CONFIG["hidden_size"], CONFIG

    def fp8(name, rows, cols):
        yield name + ".weight", "F8_E4M3", [rows, cols]
        yield name + ".weight_scale_inv", "F32", [-(-rows // 128), -(-cols // 128)]

    def mlp(prefix, inter):
        yield from fp8(prefix + ".gate_proj", inter, h)
        yield from fp8(prefix + ".up_proj", inter, h)
        yield from fp8(prefix + ".down_proj", h, inter)

    def layer(i):
        p = f"model.layers.{i}"
        heads, qk = c["num_attention_heads"], c["qk_nope_head_dim"] + c["qk_rope_head_dim"]
        yield p + ".input_layernorm.weight", "BF16", [h]
        yield from fp8(p + ".self_attn.q_a_proj", c["q_lora_rank"], h)
        yield p + ".self_attn.q_a_layernorm.weight", "BF16", [c["q_lora_rank"]]
        yield from fp8(p + ".self_attn.q_b_proj", heads * qk, c["q_lora_rank"])
        yield from fp8(p + ".self_attn.kv_a_proj_with_mqa", c["kv_lora_rank"] + c["qk_rope_head_dim"], h)
        yield p + ".self_attn.kv_a_layernorm.weight", "BF16", [c["kv_lora_rank"]]
        yield from fp8(p + ".self_attn.kv_b_proj", heads * (c["qk_nope_head_dim"] + c["v_head_dim"]), c["kv_lora_rank"])
        yield from fp8(p + ".self_attn.o_proj", h, heads * c["v_head_dim"])
        yield p + ".post_attention_layernorm.weight", "BF16", [h]
        if i < c["first_k_dense_replace"]:
            yield from mlp(p + ".mlp", c["intermediate_size"])
            return
        yield p + ".mlp.gate.weight", "BF16", [c["n_routed_experts"], h]
        yield p + ".mlp.gate.e_score_correction_bias", "F32", [c["n_routed_experts"]]
        for e in range(c["n_routed_experts"]):
            yield from mlp(f"{p}.mlp.experts.{e}", c["moe_intermediate_size"])
        yield from mlp(p + ".mlp.shared_experts", c["moe_intermediate_size"] * c["n_shared_experts"])

    yield "model.embed_tokens.weight", "BF16", [c["vocab_size"], h]
    for i in range(c["num_hidden_layers"]):
        yield from layer(i)
    mtp = c["num_hidden_layers"]  # the multi-token-prediction layer, stored as layer 61
    yield from layer(mtp)
    p = f"model.layers.{mtp}"
    yield p + ".embed_tokens.weight", "BF16", [c["vocab_size"], h]
    yield p + ".enorm.weight", "BF16", [h]
    yield p + ".hnorm.weight", "BF16", [h]
    yield p + ".eh_proj.weight", "BF16", [h, 2 * h]
    yield p + ".shared_head.norm.weight", "BF16", [h]
    yield p + ".shared_head.head.weight", "BF16", [c["vocab_size"], h]
    yield "model.norm.weight", "BF16", [h]
    yield "lm_head.weight", "BF16", [c["vocab_size"], h]


def nbytes(dtype, shape):
    n = DTYPE_BYTES[dtype]
    for d in shape:
        n *= d
    return n


def build_repo():
    """{file: (header bytes with the length prefix, file size)} and the index."""
    all_tensors = list(tensors())
    total = sum(nbytes(d, s) for _, d, s in all_tensors)
    shards = [[] for _ in range(SHARDS)]
    at = 0
    for name, dtype, shape in all_tensors:
        shards[min(SHARDS - 1, at * SHARDS // total)].append((name, dtype, shape))
        at += nbytes(dtype, shape)
    files, weight_map = {}, {}
    for i, members in enumerate(shards):
        fname = f"model-{i + 1:05d}-of-{SHARDS:06d}.safetensors"
        header, offset = {"__metadata__": {"format": "pt"}}, 0
        for name, dtype, shape in sorted(members):
            size = nbytes(dtype, shape)
            header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + size]}
            offset += size
            weight_map[name] = fname
        text = json.dumps(header, separators=(",", ":")).encode()
        text += b" " * (-len(text) % 8)  # the safetensors writer pads the header to 8 bytes
        files[fname] = (struct.pack("<Q", len(text)) + text, 8 + len(text) + offset)
    index = {"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))}
    return files, index, len(all_tensors)


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with getattr(self, "lock", threading.Lock()):
            self.hub_requests = self.cdn_requests = self.cdn_bytes = self.hub_bytes = self.cdn_authorizations = 0

    def add(self, **kw):
        with self.lock:
            for k, v in kw.items():
                setattr(self, k, getattr(self, k) + v)


def make_servers(files, index, delay):
    small = {"model.safetensors.index.json": json.dumps(index).encode(), "config.json": json.dumps(CONFIG).encode()}
    siblings = sorted(list(files) + list(small))
    counters = Counters()

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True
        request_queue_size = 128

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, status, body=b"", headers=None, head=False):
            time.sleep(delay)
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)
            return len(body) if not head else 0

    class HubHandler(Handler):
        def do_HEAD(self):
            self.serve(head=True)

        def do_GET(self):
            self.serve(head=False)

        def serve(self, head):
            counters.add(hub_requests=1)
            path = self.path.split("?")[0]
            resolve = f"/{REPO}/resolve/main/"
            if path == f"/api/models/{REPO}/revision/main":
                body = json.dumps({"id": REPO, "sha": COMMIT, "siblings": [{"rfilename": f} for f in siblings]}).encode()
                sent = self.reply(200, body, {"Content-Type": "application/json"}, head)
            elif path.startswith(resolve) and path[len(resolve):] in small:
                body = small[path[len(resolve):]]
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                sent = self.reply(200, body, {"ETag": etag, "X-Repo-Commit": COMMIT, "Content-Type": "application/json"}, head)
            elif path.startswith(resolve) and path[len(resolve):] in files:
                name = path[len(resolve):]
                cdn = f"http://127.0.0.1:{self.server.cdn_port}/{REPO}/{name}?X-Amz-Signature=bench"
                sent = self.reply(302, b"", {"Location": cdn, "X-Repo-Commit": COMMIT,
                                             "X-Linked-Etag": '"' + hashlib.sha256(name.encode()).hexdigest() + '"',
                                             "X-Linked-Size": str(files[name][1]),
                                             "ETag": '"' + hashlib.sha1(name.encode()).hexdigest() + '"'}, head)
            else:
                sent = self.reply(404, b'{"error":"Entry not found"}', {"X-Error-Code": "EntryNotFound"}, head)
            counters.add(hub_bytes=sent)

    class CdnHandler(Handler):
        def do_GET(self):
            counters.add(cdn_requests=1)
            if self.headers.get("Authorization"):
                counters.add(cdn_authorizations=1)
            name = self.path.split("?")[0][len(f"/{REPO}/"):]
            if name not in files:
                self.reply(404)
                return
            header, size = files[name]
            m = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
            if not m:
                self.reply(416)
                return
            first = int(m.group(1))
            last = min(int(m.group(2)) if m.group(2) else size - 1, size - 1)
            body = header[first:last + 1] + bytes(max(0, last + 1 - max(first, len(header))))
            sent = self.reply(206, body, {"Content-Range": f"bytes {first}-{last}/{size}",
                                          "Content-Type": "application/octet-stream"})
            counters.add(cdn_bytes=sent)

    hub = Server(("127.0.0.1", 0), HubHandler)
    cdn = Server(("127.0.0.1", 0), CdnHandler)
    hub.cdn_port = cdn.server_address[1]
    for s in (hub, cdn):
        threading.Thread(target=s.serve_forever, daemon=True).start()
    return hub, cdn, counters


def peer_python(work):
    venv = os.path.join(work, "venv")
    log(f"installing the peer {PEER} from {WHEELS} into {venv}")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "--no-index", "--find-links", WHEELS, PEER],
                   check=True)
    return os.path.join(venv, "bin", "python")


PEER_SCRIPT = """
import sys
from huggingface_hub import get_safetensors_metadata
m = get_safetensors_metadata(sys.argv[1])
print(len(m.files_metadata), sum(len(f.tensors) for f in m.files_metadata.values()))
"""


def timed(cmd, env):
    """Wall seconds, CPU seconds (user + system of the reaped child) and stdout of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} exited {proc.returncode}: {proc.stderr.strip()[-400:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, proc.stdout


def measure(launcher, python, repeats, delay_ms):
    """launcher: the paramscope command as a list."""
    files, index, tensor_count = build_repo()
    header_sum = sum(len(h) for h, _ in files.values())
    hub, cdn, counters = make_servers(files, index, delay_ms / 1000)
    endpoint = f"http://127.0.0.1:{hub.server_address[1]}"
    log(f"loopback Hub at {endpoint}: {len(files)} shards, {tensor_count} tensors, headers {header_sum} bytes")
    samples = {"paramscope": [], "peer": []}
    cpu = {"paramscope": [], "peer": []}
    traffic = {"paramscope": None, "peer": None}
    ours_json = None
    for _ in range(repeats):
        for side in ("paramscope", "peer"):
            cache = tempfile.mkdtemp(prefix="hf-cache-")
            env = dict(os.environ, HF_ENDPOINT=endpoint, HF_TOKEN=TOKEN, HF_HUB_CACHE=cache,
                       HF_HUB_DISABLE_PROGRESS_BARS="1", HF_HUB_DISABLE_TELEMETRY="1")
            counters.reset()
            if side == "paramscope":
                wall, used, out = timed(launcher + ["inspect", "hf://" + REPO, "--format", "json"], env)
                ours_json = json.loads(out)
            else:
                wall, used, out = timed([python, "-c", PEER_SCRIPT, REPO], env)
                assert out.split()[0] == str(SHARDS), out
            shutil.rmtree(cache, ignore_errors=True)
            samples[side].append(wall)
            cpu[side].append(used)
            traffic[side] = {"hub_requests": counters.hub_requests, "cdn_requests": counters.cdn_requests,
                             "bytes": counters.hub_bytes + counters.cdn_bytes, "cdn_bytes": counters.cdn_bytes,
                             "cdn_authorizations": counters.cdn_authorizations}
    hub.shutdown()
    cdn.shutdown()
    assert ours_json["tensor_count"] == tensor_count, ours_json["tensor_count"]
    ours, peer = statistics.median(samples["paramscope"]), statistics.median(samples["peer"])
    exchanges = traffic["paramscope"]["hub_requests"] + traffic["paramscope"]["cdn_requests"]
    floor = exchanges * delay_ms / 1000 / 16
    rows = [
        {"benchmark": "remote inspect, whole process (wall)", "input": f"DeepSeek-V3 shape, {SHARDS} shards, {delay_ms} ms/response",
         "paramscope_ms": ours * 1000, "peer_ms": peer * 1000, "ratio": ours / peer, "target": "paramscope/peer <= 0.5",
         "met": ours / peer <= 0.5, "paramscope_min_ms": min(samples["paramscope"]) * 1000,
         "peer_min_ms": min(samples["peer"]) * 1000, "runs": repeats,
         "paramscope_cpu_s": statistics.median(cpu["paramscope"]), "peer_cpu_s": statistics.median(cpu["peer"]),
         "latency_floor_ms": floor * 1000,
         "latency_floor": f"{exchanges} HTTP exchanges x {delay_ms} ms / 16 connections"},
        {"benchmark": "remote inspect, requests", "paramscope_ms": None, "peer_ms": None, "ratio": None,
         "input": f"{SHARDS} shards: {ours_json['requests']} requests ({exchanges} HTTP exchanges); peer "
                  f"{traffic['peer']['hub_requests'] + traffic['peer']['cdn_requests']} exchanges",
         "paramscope": ours_json["requests"], "peer": None, "target": f"<= shards + 4 = {SHARDS + 4}",
         "met": ours_json["requests"] <= SHARDS + 4,
         "paramscope_http_exchanges": exchanges,
         "peer_http_exchanges": traffic["peer"]["hub_requests"] + traffic["peer"]["cdn_requests"],
         "note": "requests: one per file fetch or Range read (its redirect inside); each shard's resolve/ adds a 302"},
        {"benchmark": "remote inspect, header bytes fetched (Range reads)", "paramscope_ms": None, "peer_ms": None,
         "input": f"{traffic['paramscope']['cdn_bytes']} of {header_sum} header bytes; peer {traffic['peer']['cdn_bytes']}",
         "paramscope": traffic["paramscope"]["cdn_bytes"], "peer": traffic["peer"]["cdn_bytes"],
         "ratio": traffic["paramscope"]["cdn_bytes"] / header_sum, "peer_ratio": traffic["peer"]["cdn_bytes"] / header_sum,
         "target": "paramscope/headers <= 1.1", "met": traffic["paramscope"]["cdn_bytes"] <= 1.1 * header_sum,
         "paramscope_all_bytes": traffic["paramscope"]["bytes"], "peer_all_bytes": traffic["peer"]["bytes"],
         "note": "all_bytes adds the listing, config.json and the 8.5 MB model.safetensors.index.json"},
        {"benchmark": "remote inspect, Authorization headers the CDN received", "paramscope_ms": None, "peer_ms": None,
         "ratio": None, "input": f"HF_TOKEN set: paramscope {traffic['paramscope']['cdn_authorizations']}, "
                                 f"peer {traffic['peer']['cdn_authorizations']}",
         "paramscope": traffic["paramscope"]["cdn_authorizations"], "peer": traffic["peer"]["cdn_authorizations"],
         "target": "0", "met": traffic["paramscope"]["cdn_authorizations"] == 0},
    ]
    return rows, {"tensors": tensor_count, "shards": SHARDS, "header_bytes": header_sum,
                  "samples_s": samples, "traffic": traffic, "peer": PEER,
                  "peer_workers": min(32, (os.cpu_count() or 1) + 4)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 runs a side")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--delay-ms", type=int, default=50)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "remote.json"))
    parser.add_argument("--launcher", help="the paramscope command (default: ./paramscope, built with Maven)")
    parser.add_argument("--peer-python", help="a python that imports the peer (default: a fresh venv)")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="paramscope-remote-bench-")
    try:
        python = args.peer_python or peer_python(work)
        if args.launcher:
            launcher = args.launcher.split()
        else:
            subprocess.run(["mvn", "-B", "-q", "-Dstyle.color=never", "-DskipTests", "package"], cwd=ROOT,
                           check=True, stdout=subprocess.DEVNULL)
            launcher = [os.path.join(ROOT, "paramscope")]
        rows, detail = measure(launcher, python, 3 if args.quick else args.repeats, args.delay_ms)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    version = subprocess.run(launcher[:1] + ["-version"], capture_output=True, text=True).stderr.splitlines()
    report = {"date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
              "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                          "python": platform.python_version(),
                          "java": version[0] if version and args.launcher else "./paramscope launcher",
                          "load_average_1m": os.getloadavg()[0]},
              "delay_ms": args.delay_ms, "rows": rows, "detail": detail}
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2, sort_keys=True)
        f.write("\n")
    for row in rows:
        print(json.dumps(row, sort_keys=True))
    print(f"written to {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
