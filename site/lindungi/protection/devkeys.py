"""`python -m lindungi.protection.devkeys`: fresh keys as instance/config.py lines, for `make run`
on a development machine (production takes its keys from the environment, never from a file in
the checkout)."""

from __future__ import annotations

from lindungi.protection.crypto import new_key, new_key_id


def config_lines() -> str:
    return (f"DATA_KEYS = {f'{new_key_id()}:{new_key()}'!r}\n"
            f"INDEX_KEY = {new_key()!r}\n")


if __name__ == "__main__":
    print(config_lines(), end="")
