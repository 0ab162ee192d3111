"""The home page's first load stays within 60 KB gzipped (sizes, not time)."""

from __future__ import annotations

import pytest
from bench.page_weight import BUDGET_BYTES, measure


@pytest.mark.parametrize("path", ["/id/", "/en/"])
def test_home_first_load_within_budget(client, path: str) -> None:
    def fetch(url: str) -> bytes:
        with client.get(url) as response:
            assert response.status_code == 200, url
            return response.data

    weight = measure(fetch, path)
    kinds = {r.kind for r in weight.resources}
    assert {"html", "css", "js", "image"} <= kinds  # the measure really covers everything
    assert weight.total <= BUDGET_BYTES, weight.report()
