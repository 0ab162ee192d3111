"""The reference for `make bench`: a Flask app whose one route returns a fixed short HTML string,
served under the same gunicorn settings as the site (gunicorn.conf.py, WEB_CONCURRENCY)."""

from flask import Flask

app = Flask(__name__)
PAGE = "<!doctype html><title>Hello</title><p>Hello, Makassar.</p>"


@app.get("/")
def hello() -> str:
    return PAGE
