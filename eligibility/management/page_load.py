"""A bounded load on one page: some clients, each sending requests one after another for some
seconds, the way `manage.py bench_pages` measures the site."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Figures:
    """What a load on one page measured."""

    requests: int
    seconds: float
    latencies: list[float] = field(repr=False)
    body_bytes: int
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def percentile(self, percent: int) -> float:
        """The latency below which `percent` % of the requests answered, in seconds."""
        cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
        return cuts[percent - 1]


def load(host: str, port: int, path: str, *, cookie: str, clients: int, seconds: float) -> Figures:
    """`clients` threads request `path` back to back for `seconds`; each request a new
    connection, as gunicorn's sync workers close them. Counts non-200 answers as errors."""
    headers = {"Accept-Encoding": "gzip", "Cookie": cookie, "User-Agent": "bench_pages"}
    latencies: list[float] = []
    sizes: list[int] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        mine, my_sizes, my_errors = [], [], 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection = http.client.HTTPConnection(host, port, timeout=30)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
            finally:
                connection.close()
            mine.append(time.perf_counter() - started)
            my_sizes.append(len(body))
            my_errors += response.status != 200
        with lock:
            latencies.extend(mine)
            sizes.extend(my_sizes)
            errors[0] += my_errors

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return Figures(
        requests=len(latencies),
        seconds=elapsed,
        latencies=latencies,
        body_bytes=int(statistics.median(sizes)) if sizes else 0,
        errors=errors[0],
    )
