"""The layout every public page shares: footer links to the pages no menu item leads to."""

from __future__ import annotations

import pytest

from tests.support.checking import soup_of


@pytest.mark.parametrize(("lang", "labels"), [
    ("id", ["Cari", "Kontak dan jam layanan", "Pemberitahuan privasi", "Cek status permohonan"]),
    ("en", ["Search", "Contact and office hours", "Privacy notice", "Check a request's status"]),
])
def test_footer_links_to_contact_privacy_and_search(client, lang: str, labels: list[str]) -> None:
    soup = soup_of(client.get(f"/{lang}/"))
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".footer-links a")}
    for label in labels:
        assert label in links, label
    assert links[labels[0]] == f"/{lang}/cari"
    assert links[labels[2]] == f"/{lang}/privasi"
