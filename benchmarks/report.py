"""The figures of a run as a text table, with the issue's targets beside them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ASK_P95_MS = 20.0
BUILD_RATIO = 0.9
ENCODE_RATIO = 2.0
INCREMENTAL_S = 2.0
INDEX_P95_MS = 50.0
RECALL = 0.95
KIB_PER_PASSAGE = 4.0
COLD_LOAD_S = 1.0
CLI_ASK_S = 1.0
BOT_READY_S = 3.0
MILLION_RSS_MIB = 4096.0
MILLION_LOAD_S = 3.0
MILLION_ASK_P95_MS = 40.0
MILLION_REBUILD_S = 5.0


def _get(results: dict[str, Any], *path: str) -> Any:
    node: Any = results
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def targets(results: dict[str, Any]) -> dict[str, bool | None]:
    """Return, for each of the issue's targets, whether the run met it (None: not measured)."""

    def check(value: Any, test: Callable[[float], bool]) -> bool | None:
        return None if value is None else bool(test(float(value)))

    index_p95 = _get(results, "index_scale", "ivf", "p95_ms")
    recall = _get(results, "index_scale", "ivf", "recall@10")
    peak = _get(results, "coldstart", "index", "peak_mib")
    passages = _get(results, "coldstart", "index", "passages")
    kib = None if peak is None or not passages else peak * 1024 / passages
    return {
        "ask_p95_realtimeqa<=20ms": check(
            _get(results, "ask", "realtimeqa", "p95_ms"), lambda v: v <= ASK_P95_MS
        ),
        "build_ratio>=0.9": check(_get(results, "build", "ratio"), lambda v: v >= BUILD_RATIO),
        "int8_passages_ratio>=2": check(
            _get(results, "encoders", "ratio"), lambda v: v >= ENCODE_RATIO
        ),
        "incremental<=2s": check(
            _get(results, "incremental", "seconds"), lambda v: v <= INCREMENTAL_S
        ),
        "index_kib_per_passage<=4": check(kib, lambda v: v <= KIB_PER_PASSAGE),
        "coldstart_load<=1s": check(
            _get(results, "coldstart", "index", "load_s"), lambda v: v <= COLD_LOAD_S
        ),
        "cli_ask<=1s": check(
            _get(results, "startup", "cli_ask", "median_s"), lambda v: v <= CLI_ASK_S
        ),
        "bot_ready<=3s": check(
            _get(results, "startup", "bot_ready", "median_s"), lambda v: v <= BOT_READY_S
        ),
        **_million_targets(results, check),
        "index_p95<=50ms_recall>=0.95": (
            None
            if index_p95 is None or recall is None
            else index_p95 <= INDEX_P95_MS and recall >= RECALL
        ),
    }


def _million_targets(
    results: dict[str, Any], check: Callable[[Any, Callable[[float], bool]], bool | None]
) -> dict[str, bool | None]:
    """Return the targets at about a million passages (issue 26), when that section ran."""
    if _section(results, "million") is None:
        return {}
    rss = [
        _get(results, "million", "memory", "after_load", "rss_mib"),
        _get(results, "million", "memory", "during_asks", "rss_max_mib"),
    ]
    resident = None if None in rss else max(rss)
    return {
        "million_resident<=4GiB": check(resident, lambda v: v <= MILLION_RSS_MIB),
        "million_cold_load<=3s": check(
            _get(results, "million", "cold_load", "load_s"), lambda v: v <= MILLION_LOAD_S
        ),
        "million_ask_p95<=40ms": check(
            _get(results, "million", "ask", "p95_ms"), lambda v: v <= MILLION_ASK_P95_MS
        ),
        "million_one_article_rebuild<=5s": check(
            _get(results, "million", "one_article_rebuild", "seconds"),
            lambda v: v <= MILLION_REBUILD_S,
        ),
    }


def _million_lines(results: dict[str, Any]) -> list[str]:
    figures = _section(results, "million")
    if not figures:
        return []
    memory, ask = figures["memory"], figures["ask"]
    build, rebuild = figures["build"], figures["one_article_rebuild"]
    changes = figures["corpus_changes"]
    return [
        f"million: {figures['passages']:,} passages of {figures['articles']:,} articles "
        f"(real text, varied copies; {figures['index_kind']} index; stand-in passage vectors); "
        f"repeats in the index: {figures['repeats_in_index']}",
        f"  build {_num(build['seconds'], 0)} s (peak {_num(build['peak_rss_mib'], 0)} MiB, "
        f"index {_num(build['index_disk_mib'], 0)} MiB on disk)",
        f"  resident after load {_num(memory['after_load']['rss_mib'], 0)} MiB, during asks "
        f"{_num(memory['during_asks']['rss_max_mib'], 0)} MiB, of which the process's own "
        f"{_num(memory['during_asks'].get('anon_max_mib'), 0)} MiB and mapped index files' "
        f"pages {_num(memory['during_asks'].get('file_max_mib'), 0)} MiB",
        f"  cold load {_num(figures['cold_load']['load_s'], 2)} s "
        f"(+ imports {_num(figures['cold_load']['imports_s'], 2)} s)",
        f"  ask p50 {_num(ask['p50_ms'])} / p95 {_num(ask['p95_ms'])} / p99 "
        f"{_num(ask['p99_ms'])} ms ({ask['questions']} RealTime QA questions)",
        f"  one-article rebuild {_num(rebuild['seconds'], 2)} s "
        f"({rebuild['embedded']} passages embedded; the process's first, importing the "
        f"passage model: {_num(figures['first_rebuild_in_process']['seconds'], 2)} s); "
        "corpus check "
        f"{_num(changes['unchanged_s']['p50_ms'])} ms",
    ]


def _num(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def _section(results: dict[str, Any], name: str) -> dict[str, Any] | None:
    """Return a section's figures, or None when it was not run or failed."""
    figures = results.get(name)
    return figures if isinstance(figures, dict) and "error" not in figures else None


def _errors(results: dict[str, Any]) -> list[str]:
    return [
        f"{name}: FAILED: {figures['error']}"
        for name, figures in results.items()
        if isinstance(figures, dict) and "error" in figures
    ]


def _latency_row(name: str, figures: dict[str, Any] | None, extra: str = "") -> str:
    if not figures:
        return f"{name:<42} not measured"
    if "skipped" in figures:
        return f"{name:<42} skipped: {figures['skipped']}"
    cells = " ".join(f"{_num(figures.get(k)):>8}" for k in ("p50_ms", "p95_ms", "p99_ms"))
    return f"{name:<42} {cells}  {extra}".rstrip()


def _latency_lines(results: dict[str, Any]) -> list[str]:
    lines = [f"{'latency (ms)':<42} {'p50':>8} {'p95':>8} {'p99':>8}"]
    for corpus in ("seed", "realtimeqa"):
        figures = _get(results, "ask", corpus)
        passages = _num(_get(figures or {}, "passages"))
        lines.append(_latency_row(f"ask, {corpus} ({passages} passages)", figures))
    variants = (
        ("ask, realtimeqa, as of each question's date", "realtimeqa_as_of_question_date"),
        ("ask, realtimeqa, 1 torch thread", "realtimeqa_1_thread"),
        ("query embedding alone", "encode_only"),
        ("  with 1 torch thread", "encode_only_1_thread"),
        ("  fresh process, OMP_WAIT_POLICY=PASSIVE", "encode_fresh_process_passive"),
    )
    for label, key in variants:
        if _get(results, "ask", key) is not None:
            lines.append(_latency_row(label, _get(results, "ask", key)))
    for kind, figures in (_get(results, "ask", "query_encoders") or {}).items():
        extra = (
            f"x{figures['speedup_p50']:.2f} vs torch, cosine min {figures['cosine_min']:.4f} "
            f"mean {figures['cosine_mean']:.4f}"
        )
        lines.append(_latency_row(f"  query encoder {kind}, in turns", figures, extra))
    for scale in (
        _section(results, "index_scale_realtimeqa_size"),
        _section(results, "index_scale"),
    ):
        if not scale:
            continue
        n = _num(scale["passages"])
        ivf = scale["ivf"]
        lines.append(_latency_row(f"index part, flat, {n}", scale["flat"], "recall@10 1.000"))
        lines.append(
            _latency_row(
                f"index part, IVF{ivf['lists']} nprobe {ivf['nprobe']}, {n}",
                ivf,
                f"recall@10 {ivf['recall@10']:.3f}",
            )
        )
        lines.append(_latency_row("  of which BM25 alone", scale["bm25_only"]))
        lines.append(_latency_row("  of which IVF dense alone", scale["dense_only_ivf"]))
    hard = _section(results, "index_scale_hard")
    if hard:
        steps = ", ".join(
            f"nprobe {row['nprobe']}: {row['recall@10']:.3f} ({_num(row['p95_ms'])} ms)"
            for row in hard["sweep"]
        )
        lines.append(f"harder vectors ({hard['vectors']}), IVF{hard['lists']} recall@10: {steps}")
    return lines


def _other_lines(results: dict[str, Any]) -> list[str]:
    lines = []
    build = _section(results, "build")
    if build:
        lines.append(
            f"build: {_num(build['build_per_s'])} passages/s vs plain encode "
            f"{_num(build['plain_per_s'])} ({build['passages']:,} passages): "
            f"ratio {_num(build['ratio'], 2)}"
        )
    encoders = _section(results, "encoders")
    if encoders:
        lines.append(
            f"passage encoders: fp32 {_num(encoders['fp32_per_s'])} vs int8 "
            f"{_num(encoders['int8_per_s'])} passages/s ({encoders['passages']:,} passages, "
            f"{encoders['int8_workers']} at once): ratio {_num(encoders['ratio'], 2)}; "
            f"cosine to fp32 min {encoders['passage_cosine']['min']:.4f} "
            f"mean {encoders['passage_cosine']['mean']:.4f}"
        )
    inc = _section(results, "incremental")
    if inc and "skipped" in inc:
        lines.append(f"incremental rebuild: skipped: {inc['skipped']}")
    elif inc:
        lines.append(
            f"incremental rebuild (1 article, {inc['embedded']} embedded): "
            f"{_num(inc['seconds'], 2)} s; full build from cache "
            f"{_num(inc['full_from_cache_s'])} s "
            f"(ratio {_num(inc['ratio_to_full_from_cache'], 2)}); "
            f"full build with embedding ~{_num(inc['full_embedding_estimated_s'], 0)} s "
            f"(ratio {_num(inc['ratio_to_full'], 4)})"
        )
    cold = _section(results, "coldstart")
    if cold:
        index, model = cold["index"], cold["model"]
        lines.append(
            f"cold start: index load {_num(index['load_s'], 2)} s "
            f"({index['passages']:,} passages; model hash "
            f"{_num(index['model_hash_s'], 2)} s of it), "
            f"model load {_num(model['load_s'], 2)} s (+ imports {_num(model['imports_s'], 2)} s)"
        )
        lines.append(
            f"memory: index peak {_num(index['peak_mib'])} MiB = "
            f"{_num(index['peak_mib_per_10k'])} MiB per 10,000 passages; "
            f"model {_num(model['peak_mib'])} MiB"
        )
    return lines + _startup_lines(results)


def _startup_lines(results: dict[str, Any]) -> list[str]:
    figures = _section(results, "startup")
    if not figures:
        return []
    ask, bot = figures["cli_ask"], figures["bot_ready"]
    return [
        f"start-up: coverbot ask {_num(ask['median_s'], 2)} s a process (median of "
        f"{ask['runs']}); bot ready on the loopback Discord {_num(bot['median_s'], 2)} s "
        f"(median of {bot['runs']}); model libraries imported: "
        f"{', '.join(sorted({*ask['heavy_imports'], *bot['heavy_imports']})) or 'none'}"
    ]


def _ms(figures: dict[str, Any] | None) -> str:
    if not figures:
        return "-"
    return "/".join(_num(figures[k], 0) for k in ("p50_ms", "p95_ms", "max_ms"))


def _load_lines(results: dict[str, Any]) -> list[str]:
    load = _section(results, "load")
    if not load:
        return []
    lines = [
        f"load ({load['passages']} passages): asked, acked<=3s, expired, answered, busy; "
        "ack and answer p50/p95/max ms; answers/s; loop lag p50/p95/max ms; peak MiB; per call"
    ]
    for name, pool in load.items():
        if not isinstance(pool, dict):
            continue
        for phase, f in pool.items():
            if not isinstance(f, dict) or "asked" not in f:
                continue
            lines.append(
                f"  {name} ({pool['threads']} threads, limit {pool['limit']}) {phase}: "
                f"{f['asked']} {f['acked_within_3s']} {f['expired_10062']} {f['answered']} "
                f"{f['busy']}; ack {_ms(f['ack'])}; answer {_ms(f['answer'])}; "
                f"{_num(f['answers_per_s'])}/s; lag {_ms(f['loop_lag'])}; "
                f"{_num(f['peak_rss_mib'], 0)} MiB; {_num(f['questions_per_call'])}"
            )
    return lines


def format_table(results: dict[str, Any]) -> str:
    """Return the run's figures and its targets as text."""
    box = results["machine"]
    lines = [f"machine: {box['cpu']}, {box['cores']} cores, {box['memory_gib']} GiB"]
    if results.get("data"):
        lines.append(f"data: {results['data']}")
    lines += _latency_lines(results) + _other_lines(results) + _load_lines(results)
    lines += _million_lines(results)
    lines += _errors(results)
    lines.append("targets: " + ", ".join(f"{k} {_num(v)}" for k, v in targets(results).items()))
    lines.append(f"run took {_num(results.get('seconds'), 0)} s")
    return "\n".join(lines) + "\n"
