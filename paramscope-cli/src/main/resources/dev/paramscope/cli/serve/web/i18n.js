// User-facing strings of the page, English and Chinese (the CLI's own text lives in its bundles).
window.I18N = {
  en: {
    tagline: "Exact parameter counts, storage, memory and speed of language models; estimates marked with their sources.",
    models: "Models", search: "Search the catalog…", add: "Add", drop: "Drop or paste a config.json here",
    checkpoint: "Local checkpoint path or hf://org/name", inspect: "Inspect",
    controls: "Controls", precision: "Precision", context: "Context", batch: "Batch", kvdtype: "KV cache",
    gpu: "GPU", gpus: "GPU count", method: "Training method", tokens: "Training tokens",
    compare: "Parameters and storage (log scale)", csv: "CSV", breakdown: "Parameter breakdown",
    memory: "Inference memory vs GPU capacity", vscontext: "Memory vs context length", vsbatch: "Decode tokens/s vs batch",
    training: "Training", model: "Model", status: "Status", params: "Parameters", active: "Active", storage: "Storage",
    estimate: "estimate", exact: "exact", official: "official", rumour: "rumour", capacity: "GPU capacity",
    weights: "Weights", kv: "KV cache", activations: "Activations", overhead: "Overhead", perseq: "per sequence",
    aggregate: "whole batch", source: "Source", noarch: "Empty: none of the chosen models has a published architecture (their sizes are estimates). Add an open model such as llama-3.1-8b.", loading: "Loading…"
  },
  zh: {
    tagline: "语言模型的精确参数量、存储、显存与速度；估计值标明来源。",
    models: "模型", search: "搜索模型目录…", add: "添加", drop: "把 config.json 拖到或粘贴到这里",
    checkpoint: "本地检查点路径或 hf://org/name", inspect: "检查",
    controls: "控制", precision: "精度", context: "上下文", batch: "批大小", kvdtype: "KV 缓存",
    gpu: "GPU", gpus: "GPU 数量", method: "训练方法", tokens: "训练 token 数",
    compare: "参数量与存储（对数坐标）", csv: "CSV", breakdown: "参数组成",
    memory: "推理显存与 GPU 容量", vscontext: "显存随上下文长度", vsbatch: "解码 tok/s 随批大小",
    training: "训练", model: "模型", status: "状态", params: "参数量", active: "激活参数", storage: "存储",
    estimate: "估计", exact: "精确", official: "官方", rumour: "传闻", capacity: "GPU 容量",
    weights: "权重", kv: "KV 缓存", activations: "激活值", overhead: "开销", perseq: "每序列",
    aggregate: "整批", source: "来源", noarch: "空白：所选模型都没有公开的架构（规模只是估计）。请加入一个开放模型，例如 llama-3.1-8b。", loading: "加载中…"
  }
};
