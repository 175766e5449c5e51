"""Time work that must stay linear in the size of its input, in this one process.

    python benchmarks/linear.py WORKDIR SMALL LARGE

prints, as JSON, the best of five timings for a processkarta of SMALL and of LARGE activities:
loading and checking the repository that holds it (every rule, the flow checks PS701–PS713
among them), laying the map out, and judging as many process names (Örebro, Att namnge
processer). benchmarks/run.py compares LARGE with SMALL: ten times the input should cost about
ten times the time, never a hundred. Timed here rather than in unit tests, where a busy machine
would make them fail.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 - benchmarks/ is not a package


def best(work: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


NAMES = (
    "Tillhandahålla barnomsorg i område {}",
    "Uppföljning av budget {}",
    "Hantera bygglov för fastighet {}",
    "Process {}",
    "Planera snöröjning i distrikt {}",
    "Digitala enheten {}",
)


def timings(workdir: Path, size: int) -> dict[str, float]:
    from procspec.checking import swedish
    from procspec.checking.checker import check_repository
    from procspec.checking.swedish import check_name
    from procspec.reading.documents import load_file
    from procspec.reading.model import FlowMap
    from procspec.reading.repository import load_repository
    from procspec.rendering.flowlayout import layout_flow

    root = workdir / f"karta-{size}"
    shutil.rmtree(root, ignore_errors=True)
    path = generate.large_map(root, size)

    def validate() -> None:
        check_repository(load_repository(root), generate.TODAY, None)

    data = load_file(path, path.name).data
    assert isinstance(data, dict)
    flow_map = FlowMap.model_validate(data["processkarta"])
    names = [NAMES[i % len(NAMES)].format(i) for i in range(size)]

    def judge() -> None:
        for helper in vars(swedish).values():  # judged afresh: no word remembered from before
            if callable(getattr(helper, "cache_clear", None)):
                helper.cache_clear()
        for name in names:
            check_name(name)

    return {
        "validate": best(validate),
        "layout": best(lambda: layout_flow(flow_map)),
        "names": best(judge),
    }


def main(argv: list[str]) -> int:
    from procspec.collection import collect_less

    collect_less()  # the garbage collection policy of a procspec run
    workdir, small, large = Path(argv[0]), int(argv[1]), int(argv[2])
    found = {str(size): timings(workdir, size) for size in (small, large)}
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
