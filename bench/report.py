"""The bench's result as a markdown table: every figure against its target, met or MISSED."""

from __future__ import annotations


def markdown(result: dict) -> str:
    machine = result["machine"]
    settings = result["settings"]
    ref = result["reference"]
    lines = [
        f"`{result['command']}` on {result['when']}: {machine['nproc']} CPUs ({machine['cpu']}), "
        f"{machine['ram_gb']} GB RAM, Python {machine['python']}; gunicorn.conf.py with "
        f"{settings['workers']} workers; wrk at {settings['connections']} connections, "
        f"median of {settings['runs']} runs of {settings['seconds']} s; "
        f"{settings['articles']:,} articles, {settings['requests']:,} requests, "
        f"{settings['staff']} staff.",
        "",
        f"Reference (Flask, one route, fixed HTML): {ref['rps']:.0f} req/s, "
        f"p99 {ref['p99_ms']:.1f} ms.",
        "",
        "| group | what | measured | target | req/s | p99 ms | result |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        unit = row["unit"]
        measured = f"{row['value']:.2f}x" if unit == "x reference" else f"{row['value']:.1f} {unit}"
        lines.append(
            f"| {row['group']} | `{row['name']}` | {measured} | {row['target_text']} | "
            f"{row.get('rps', '')} | {row.get('p99_ms', '')} | "
            f"{'met' if row['met'] else '**MISSED**'} |")
    missed = sum(not row["met"] for row in result["rows"])
    lines += ["", f"{len(result['rows']) - missed} of {len(result['rows'])} targets met."]
    return "\n".join(lines)
