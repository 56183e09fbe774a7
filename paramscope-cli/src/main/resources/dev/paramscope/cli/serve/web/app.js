// paramscope's local page: every number comes from the JSON API, which answers exactly what the CLI
// prints with --format json. State lives in the URL hash so a view can be shared.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  // an open model beside the closed seeds, so every model chart has an exact architecture to draw
  const DEFAULT_MODELS = ["gpt-4o", "gpt-4o-mini", "claude-3.5-sonnet", "llama-3.1-8b"];
  const DTYPES = { "FP32": "fp32", "FP16/BF16": "bf16", "FP8": "fp8", "INT8": "int8", "INT4": "int4",
    "Q8_0": "q8_0", "Q6_K": "q6_k", "Q4_K": "q4_k", "Q2_K": "q2_k" };
  const state = { models: DEFAULT_MODELS.slice(), precision: "FP16/BF16", context: 4096, batch: 1, kv: "",
    gpu: "h100-sxm", gpus: 1, method: "full", tokens: "1T", lang: (navigator.language || "en").startsWith("zh") ? "zh" : "en" };
  const custom = {};           // label -> count JSON of a pasted or dropped config.json
  const cache = new Map();     // API URL -> promise of JSON
  const charts = {};
  let catalog = [];
  let hardware = [];
  let timer = null;
  let renderSeq = 0;

  const t = (key) => (window.I18N[state.lang] || window.I18N.en)[key] || key;

  // Every hash value is checked against what it may be before it is used; anything else keeps
  // the default. The hash is attacker-controlled (a shared link), so nothing in it reaches HTML.
  const KV_DTYPES = ["", "bf16", "fp8", "q8_0", "q4_0"];
  const METHODS = ["full", "lora", "qlora"];
  const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
  const TOKENS = /^[0-9]{1,15}(\.[0-9]{1,6})?[KMBT]?$/i;
  const LIMITS = { context: 10000000, batch: 65536, gpus: 1000000 };

  function positive(text, max) {
    if (!/^[0-9]{1,9}$/.test(text || "")) return null;
    const n = parseInt(text, 10);
    return n >= 1 && n <= max ? n : null;
  }

  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    if (p.get("models")) state.models = p.get("models").split(",").filter((id) => ID.test(id)).slice(0, 20);
    if (Object.prototype.hasOwnProperty.call(DTYPES, p.get("precision"))) state.precision = p.get("precision");
    if (KV_DTYPES.includes(p.get("kv"))) state.kv = p.get("kv");
    if (METHODS.includes(p.get("method"))) state.method = p.get("method");
    if (["en", "zh"].includes(p.get("lang"))) state.lang = p.get("lang");
    if (ID.test(p.get("gpu") || "")) state.gpu = p.get("gpu");
    if (TOKENS.test(p.get("tokens") || "")) state.tokens = p.get("tokens");
    for (const k of ["context", "batch", "gpus"]) {
      const n = positive(p.get(k), LIMITS[k]);
      if (n !== null) state[k] = n;
    }
  }

  /** A DOM element with text content (never HTML) and attributes. */
  function el(tag, text, attrs) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }

  /** Text made safe for the HTML that chart tooltips are written as. */
  function esc(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function writeHash() {
    const p = new URLSearchParams();
    p.set("models", state.models.join(","));
    for (const k of ["precision", "context", "batch", "kv", "gpu", "gpus", "method", "tokens", "lang"]) p.set(k, state[k]);
    history.replaceState(null, "", "#" + p.toString());
  }

  function api(command, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") q.append(k, v);
    const url = "/api/" + command + (q.toString() ? "?" + q.toString() : "");
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then(async (r) => {
        const body = await r.json();
        if (!r.ok) throw new Error(body.error || r.statusText);
        return body;
      }));
    }
    return cache.get(url);
  }

  function gb(bytes) {
    const v = bytes / 1e9;
    return v > 0 && v < 0.001 ? "< 0.001" : sig3(v);
  }

  /** Three significant digits without an exponent: 8.03, 80.3, 2000 (toPrecision writes 2.00e+3). */
  function sig3(v) {
    return v >= 100 ? String(Math.round(v)) : v.toPrecision(3);
  }

  function count(n) {
    if (state.lang === "zh") {
      if (n >= 1e12) return sig3(n / 1e12) + " 万亿";
      if (n >= 1e8) return sig3(n / 1e8) + " 亿";
      if (n >= 1e4) return sig3(n / 1e4) + " 万";
      return String(n);
    }
    for (const [s, d] of [["T", 1e12], ["B", 1e9], ["M", 1e6], ["K", 1e3]]) if (n >= d) return sig3(n / d) + " " + s;
    return String(n);
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    $("lang-toggle").textContent = state.lang === "zh" ? "English" : "中文";
  }

  function chips() {
    $("chips").replaceChildren();
    for (const id of state.models) {
      const entry = catalog.find((m) => m.id === id);
      const span = document.createElement("span");
      span.className = "chip" + (entry && entry.status !== "exact" ? " estimate" : "");
      span.textContent = id;
      const x = document.createElement("button");
      x.type = "button";
      x.textContent = "×";
      x.setAttribute("aria-label", "remove " + id);
      x.onclick = () => { state.models = state.models.filter((m) => m !== id); schedule(); };
      span.appendChild(x);
      $("chips").appendChild(span);
    }
  }

  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: "canvas" });
    return charts[id];
  }

  async function modelRow(id) {
    if (custom[id]) {
      const c = custom[id];
      const ref = await api("size", { source: state.models.find((m) => !custom[m]) || "llama-3.1-8b" });
      const p = ref.precisions.find((x) => x.name === state.precision);
      return { id, status: "exact", params: c.total_params, active: c.active_params,
        bytes: Math.ceil(c.total_params * p.bits_per_param / 8), source: "config.json" };
    }
    const [size, cnt] = await Promise.all([api("size", { source: id }), api("count", { source: id })]);
    const p = size.precisions.find((x) => x.name === state.precision);
    return { id, status: size.status, params: size.total_params, active: cnt.active_params, bytes: p.bytes, source: size.source };
  }

  async function renderCompare(rows) {
    const head = [t("model"), t("status"), t("params"), t("active"), t("storage") + " " + state.precision + " (GB)"];
    const headRow = el("tr");
    // the CSV export writes raw values: parameters and bytes, so its header says so
    const csvHead = ["model", "status", "total_params", "active_params", "bytes_" + state.precision];
    head.forEach((h, i) => headRow.appendChild(el("th", h, { "data-csv": csvHead[i] })));
    $("table").querySelector("thead").replaceChildren(headRow);
    $("table").querySelector("tbody").replaceChildren(...rows.map((r) => {
      const tr = el("tr", null, { "data-model": r.id });
      tr.appendChild(el("td", r.id));
      tr.appendChild(el("td", t(r.status), r.status === "exact" ? {} : { class: "estimate" }));
      tr.appendChild(el("td", count(r.params), { "data-params": r.params }));
      tr.appendChild(el("td", r.active == null ? "—" : count(r.active), r.active == null ? { "data-csv": "" } : { "data-params": r.active }));
      tr.appendChild(el("td", gb(r.bytes), { class: "storage", "data-bytes": r.bytes }));
      return tr;
    }));
    const sources = [...new Set(rows.filter((r) => r.status !== "exact").map((r) => t(r.status) + ": " + r.source))];
    $("sources").textContent = sources.join(" · ");
    const estimateStyle = { color: "#e39b2d", opacity: 0.75, decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -0.7, color: "rgba(255,255,255,0.6)" } };
    chart("chart-compare").setOption({
      aria: { enabled: true, decal: { show: false } },
      tooltip: { trigger: "item", formatter: (p) => { const r = rows[p.dataIndex];
        return `${esc(r.id)}<br>${esc(p.seriesName)}: ${p.seriesIndex === 0 ? count(r.params) : gb(r.bytes) + " GB"}<br>${esc(t(r.status))} — ${esc(t("source"))}: ${esc(r.source)}`; } },
      legend: { top: 0 },
      grid: { left: 70, right: 50, top: 55, bottom: 40 },
      xAxis: { type: "category", data: rows.map((r) => r.id), axisLabel: { interval: 0, rotate: rows.length > 4 ? 20 : 0 } },
      yAxis: [{ type: "log", name: t("params"), axisLabel: { formatter: (v) => count(v) } }, { type: "log", name: "GB" }],
      series: [
        { name: t("params"), type: "bar", itemStyle: { color: "#2f6fdb" }, data: rows.map((r) => ({ value: r.params, itemStyle: r.status === "exact" ? { color: "#2f6fdb" } : estimateStyle,
          label: { show: r.status !== "exact", position: "top", formatter: "≈ " + t(r.status) } })) },
        { name: t("storage") + " " + state.precision, type: "bar", yAxisIndex: 1, itemStyle: { color: "#7fa7ea" }, data: rows.map((r) => ({ value: r.bytes / 1e9,
          itemStyle: r.status === "exact" ? { color: "#7fa7ea" } : Object.assign({}, estimateStyle, { opacity: 0.45 }) })) }
      ]
    }, true);
  }

  function firstExact() {
    return state.models.find((id) => !custom[id] && (catalog.find((m) => m.id === id) || {}).status === "exact");
  }

  function gpuParam() {
    return state.gpus > 1 ? state.gpu + "x" + state.gpus : state.gpu;
  }

  async function renderModelCharts(seq) {
    const id = firstExact();
    if (!id) {
      for (const c of ["chart-breakdown", "chart-memory", "chart-context", "chart-speed"]) {
        chart(c).setOption({ title: { text: t("noarch"), left: "center", top: "middle",
          textStyle: { fontSize: 12, fontWeight: "normal", width: 280, overflow: "break" } } }, true);
      }
      $("train").textContent = t("noarch");
      return;
    }
    const dtype = DTYPES[state.precision];
    const kv = state.kv || undefined;
    const [cnt, mem] = await Promise.all([api("count", { source: id }),
      api("memory", { source: id, context: state.context, batch: state.batch, dtype, "kv-dtype": kv, gpu: gpuParam() })]);
    if (seq !== renderSeq) return;
    chart("chart-breakdown").setOption({ title: { text: id, left: "center", textStyle: { fontSize: 12 } }, tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["35%", "65%"], data: Object.entries(cnt.breakdown).filter(([, v]) => v > 0).map(([k, v]) => ({ name: k, value: v })) }] }, true);
    const gpu = hardware.find((g) => g.id === state.gpu);
    const capacity = gpu ? gpu.usable_memory_bytes * state.gpus / 1e9 : null;
    const parts = [["weights", mem.weights_bytes], ["kv", mem.kv_cache_bytes], ["activations", mem.activation_bytes], ["overhead", mem.overhead_bytes * state.gpus]];
    chart("chart-memory").setOption({ tooltip: { trigger: "item" }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 55, bottom: 30 },
      xAxis: { type: "category", data: [id] },
      yAxis: { type: "value", name: "GB", max: (v) => Math.ceil(Math.max(v.max, capacity || 0) * 1.05) },
      series: parts.map(([k, v], i) => ({ name: t(k), type: "bar", stack: "m", data: [v / 1e9],
        markLine: i === 0 && capacity ? { symbol: "none", data: [{ yAxis: capacity, name: t("capacity") }], label: { position: "insideEndTop", formatter: t("capacity") + " {c} GB" } } : undefined })) }, true);
    const contexts = [1024, 4096, 16384, 32768, 65536, 131072];
    const mems = await Promise.all(contexts.map((c) => api("memory", { source: id, context: c, batch: state.batch, dtype, "kv-dtype": kv, gpu: gpuParam() })));
    if (seq !== renderSeq) return;
    chart("chart-context").setOption({ tooltip: { trigger: "axis" }, grid: { left: 50, right: 20, top: 30, bottom: 30 },
      xAxis: { type: "category", data: contexts.map(String) },
      yAxis: { type: "value", name: "GB", max: (v) => Math.ceil(Math.max(v.max, capacity || 0) * 1.05) },
      series: [{ name: "total", type: "line", data: mems.map((m) => m.total_bytes / 1e9),
        markLine: capacity ? { symbol: "none", data: [{ yAxis: capacity }], label: { position: "insideEndTop", formatter: t("capacity") } } : undefined }] }, true);
    const batches = [1, 2, 4, 8, 16, 32, 64, 128];
    const speeds = await Promise.all(batches.map((b) => api("speed", { source: id, gpu: gpuParam(), context: state.context, batch: b, dtype }).catch(() => null)));
    if (seq !== renderSeq) return;
    chart("chart-speed").setOption({ tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 60, right: 20, top: 55, bottom: 30 },
      xAxis: { type: "category", data: batches.map(String) }, yAxis: { type: "log", name: "tok/s" },
      series: [{ name: t("aggregate"), type: "line", data: speeds.map((s) => s && s.decode_tokens_per_second_aggregate) },
        { name: t("perseq"), type: "line", data: speeds.map((s) => s && s.decode_tokens_per_second_per_sequence) }] }, true);
    try {
      const tr = await api("train", { source: id, tokens: state.tokens, gpu: gpuParam(), method: state.method });
      if (seq !== renderSeq) return;
      $("train").textContent = `${id} · ${tr.method} · ${count(tr.tokens)} tokens on ${tr.gpus} × ${tr.gpu}\n` +
        `6ND = ${tr.training_flops_6nd.toExponential(3)} FLOPs · exact ${tr.training_flops.toExponential(3)} · ` +
        `${(tr.time_seconds / 86400).toFixed(1)} days · ${Math.round(tr.gpu_hours).toLocaleString("en")} GPU-h` +
        (tr.cost_usd != null ? ` · $${Math.round(tr.cost_usd).toLocaleString("en")}` : "") +
        `\nmemory/GPU: ${gb(tr.memory_per_gpu.total)} GB (weights ${gb(tr.memory_per_gpu.weights)}, optimizer ${gb(tr.memory_per_gpu.optimizer)}, activations ${gb(tr.memory_per_gpu.activations)})`;
    } catch (e) {
      $("train").textContent = e.message;
    }
  }

  async function render() {
    const seq = ++renderSeq;
    const started = performance.now();
    writeHash();
    applyLanguage();
    chips();
    try {
      const rows = await Promise.all(state.models.map(modelRow));
      if (seq !== renderSeq) return;
      await renderCompare(rows);
      await renderModelCharts(seq);
      $("status").textContent = "";
    } catch (e) {
      $("status").textContent = e.message;
    }
    if (seq === renderSeq) {
      document.body.dataset.renderMs = String(Math.round(performance.now() - started));
      document.body.dataset.rendered = String(seq);
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(render, 40);
  }

  function bindControls() {
    const controls = { precision: "precision", context: "context", batch: "batch", kvdtype: "kv", gpu: "gpu", gpus: "gpus", method: "method", tokens: "tokens" };
    for (const [id, key] of Object.entries(controls)) {
      $(id).value = state[key];
      $(id).addEventListener("input", () => {
        const v = $(id).value;
        state[key] = ["context", "batch", "gpus"].includes(key) ? Math.max(1, parseInt(v, 10) || 1) : v;
        schedule();
      });
    }
    const add = () => {
      const v = $("search").value.trim();
      if (v && catalog.some((m) => m.id === v) && !state.models.includes(v)) state.models.push(v);
      $("search").value = "";
      schedule();
    };
    $("add").onclick = add;
    $("search").addEventListener("change", add);
    $("lang-toggle").onclick = () => { state.lang = state.lang === "zh" ? "en" : "zh"; schedule(); };
    $("csv").onclick = () => {
      const lines = [...$("table").querySelectorAll("tr")].map((tr) => [...tr.children].map((c) =>
        '"' + [c.dataset.csv, c.dataset.bytes, c.dataset.params, c.textContent].find((v) => v !== undefined).replace(/"/g, '""') + '"').join(","));
      download(new Blob([lines.join("\n") + "\n"], { type: "text/csv" }), "paramscope.csv");
    };
    document.querySelectorAll("button.png").forEach((b) => b.onclick = () => {
      const url = chart(b.dataset.chart).getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
      const a = document.createElement("a"); a.href = url; a.download = b.dataset.chart + ".png"; a.click();
    });
    const drop = $("drop");
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", async (e) => { e.preventDefault(); drop.classList.remove("over");
      const f = e.dataTransfer.files[0]; if (f) addConfig(f.name, await f.text()); });
    document.addEventListener("paste", (e) => { const text = e.clipboardData.getData("text");
      if (text.trim().startsWith("{")) addConfig("pasted-config", text); });
    $("inspect").onclick = async () => {
      try {
        const r = await api("inspect", { source: $("checkpoint").value.trim() });
        $("inspect-result").textContent = `${r.format} v${r.version}: ${r.tensor_count} tensors, ${count(r.total_params)} parameters` +
          (r.reconciliation ? ` · reconciled: ${r.reconciliation.reconciled}` : "");
      } catch (e) { $("inspect-result").textContent = e.message; }
      $("inspect-result").scrollIntoView({ block: "nearest" });
    };
  }

  /**
   * A pasted or dropped config, named by its file (a drop), else its _name_or_path, else its
   * model_type: never the server's temporary file. Kept in sessionStorage so that a reload keeps it.
   */
  async function addConfig(name, text, quiet) {
    try {
      const r = await fetch("/api/count", { method: "POST", headers: { "Content-Type": "application/json" }, body: text });
      const body = await r.json();
      if (!r.ok) throw new Error(body.error);
      let parsed = {};
      try { parsed = JSON.parse(text); } catch (ignored) { /* the server has read it */ }
      const given = name !== "pasted-config" && name !== "config.json" ? name.replace(/\.json$/, "") : "";
      const raw = given || (typeof parsed._name_or_path === "string" && parsed._name_or_path.split("/").pop())
        || (typeof parsed.model_type === "string" && parsed.model_type + "-config") || name;
      const label = raw.toLowerCase().replace(/[^a-z0-9_.-]/g, "-").replace(/^[^a-z0-9]+/, "").slice(0, 60) || "config";
      custom[label] = body;
      const kept = JSON.parse(sessionStorage.getItem("paramscope.configs") || "{}");
      kept[label] = text;
      sessionStorage.setItem("paramscope.configs", JSON.stringify(kept));
      if (!state.models.includes(label)) state.models.push(label);
      if (!quiet) schedule();
    } catch (e) { $("status").textContent = e.message; }
  }

  /** Configs pasted earlier in this tab, back before the hash's models are checked. */
  async function restoreConfigs() {
    let kept = {};
    try { kept = JSON.parse(sessionStorage.getItem("paramscope.configs") || "{}"); } catch (ignored) { kept = {}; }
    const wanted = state.models.slice();
    for (const [label, text] of Object.entries(kept)) {
      if (ID.test(label) && typeof text === "string" && wanted.includes(label)) await addConfig(label, text, true);
    }
    state.models = wanted;
  }

  function download(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
  }

  async function start() {
    readHash();
    applyLanguage();
    const [cat, hw] = await Promise.all([api("catalog"), api("hardware")]);
    catalog = cat.models;
    hardware = hw.gpus;
    $("catalog-ids").replaceChildren(...catalog.map((m) => el("option", m.name + " · " + count(m.total_params), { value: m.id })));
    $("gpu").replaceChildren(...hardware.map((g) => el("option", g.name, { value: g.id })));
    if (!hardware.some((g) => g.id === state.gpu)) state.gpu = "h100-sxm";
    await restoreConfigs();
    state.models = state.models.filter((id) => custom[id] || catalog.some((m) => m.id === id));
    bindControls();
    window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));
    await render();
  }

  window.paramscope = { state, render, api };
  start().catch((e) => { $("status").textContent = e.message; });
})();
