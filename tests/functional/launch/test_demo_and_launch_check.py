"""Demo content is labelled, never public in production, and `flask launch-check` lists what is
missing before going live (exit 1), then passes once everything is filled in."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from lindungi.content.models import Article, Page, PartnerHospital, PublishStatus
from lindungi.demo.seed import seed_demo
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.launch import FILLED

# A production configuration the app starts with (the test data keys come from base_config),
# but whose address is not yet the city's .go.id one.
PRODUCTION = {
    "ENV": "production",
    "SECRET_KEY": "k" * 64,
    "ALLOW_SQLITE_IN_PRODUCTION": True,
    "BASE_URL": "https://lindungi.example.org",
    "PASSWORD_HASH_METHOD": "scrypt",  # production refuses the tests' cheap hashes
}


@pytest.fixture(autouse=True)
def one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    # Production refuses in-memory rate limits unless a single worker process counts them.
    monkeypatch.setenv("WEB_CONCURRENCY", "1")


def test_demo_content_is_labelled_in_development(client) -> None:
    news = soup_of(client.get("/id/berita"))
    assert len(news.select(".news-item .demo-label")) == len(news.select(".news-item"))
    assert news.select_one(".demo-label").get_text(strip=True) == "Contoh"
    faq = soup_of(client.get("/en/faq"))
    assert faq.select_one(".demo-label").get_text(strip=True) == "Example"


def test_production_hides_demo_content(make_seeded_app) -> None:
    app = make_seeded_app(**PRODUCTION)
    client = app.test_client()
    home = soup_of(client.get("/id/"))
    assert home.select(".news-item") == []
    assert client.get("/id/berita/penandatanganan-kerja-sama-rs-primaya").status_code == 404
    assert client.get("/id/faq").status_code == 404
    assert "primaya" not in client.get("/sitemap.xml").get_data(as_text=True)
    assert soup_of(client.get("/id/cari?q=primaya")).select(".search-results li") == []
    # The same database in development shows them (the test above is not vacuous).
    dev = soup_of(make_seeded_app().test_client().get("/id/cari?q=primaya"))
    assert dev.select(".search-results li")


def test_seed_refuses_to_publish_in_production(make_app) -> None:
    app = make_app(**PRODUCTION)
    with app.app_context():
        summary = seed_demo(only_if_empty=True, production=True)
        db.session.commit()
        assert "never publishes" in summary
        statuses = set(db.session.scalars(sa.select(Article.status)))
        assert statuses == {PublishStatus.DRAFT}
        assert all(db.session.scalars(sa.select(Article.is_demo)))
        assert all(db.session.scalars(sa.select(Page.is_demo)))
        assert all(db.session.scalars(sa.select(PartnerHospital.is_demo)))


def test_seed_demo_command_marks_what_it_creates(make_app) -> None:
    app = make_app()
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "demonstration content" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Article.id)).where(
            Article.is_demo.is_(False))) == 0


def test_launch_check_fails_on_a_fresh_production_config(make_seeded_app) -> None:
    app = make_seeded_app(**PRODUCTION)
    result = app.test_cli_runner().invoke(args=["launch-check"])
    assert result.exit_code == 1
    for expected in ("base URL", "Office address", "Phone", "E-mail", "Office hours",
                     "Years an approved request is kept",
                     "Years a request that was not approved is kept",
                     "Personal data protection officer", "demo articles still published",
                     "demo pages", "demo partner hospitals"):
        assert expected in result.output, expected


def test_launch_check_lists_the_database_and_secret(make_app) -> None:
    app = make_app(ENV="development", SECRET_KEY="short", BASE_URL="https://x.go.id")
    result = app.test_cli_runner().invoke(args=["launch-check"])
    assert result.exit_code == 1
    assert "LINDUNGI_ENV is not production" in result.output
    assert "secret key" in result.output
    on_sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    assert ("database is SQLite" in result.output) == on_sqlite  # PostgreSQL is what it wants


def test_launch_check_passes_once_everything_is_filled(make_seeded_app) -> None:
    app = make_seeded_app(**{**PRODUCTION, "BASE_URL": "https://lindungi.makassarkota.go.id"})
    with app.app_context():
        from lindungi.site_settings.operations import save_settings

        save_settings(FILLED)
        db.session.execute(sa.update(Article).values(is_demo=False))
        db.session.execute(sa.update(Page).values(is_demo=False))
        db.session.execute(sa.update(PartnerHospital).values(is_demo=False))
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["launch-check"])
    assert result.exit_code == 0, result.output
    assert "Ready to launch" in result.output
