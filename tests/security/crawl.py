"""Opening every page as someone who may see it, and collecting the forms found there."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import Rule

from lindungi.staff.models import Role
from tests.security.discovery import FormSpec, endpoint_of, forms_on, paths_of, rules
from tests.security.world import STAFF_ROLES, World


def allowed_roles(app: Flask, endpoint: str) -> list[Role] | None:
    """The staff roles a view allows, least privileged first; None for a public view."""
    roles = getattr(app.view_functions[endpoint], "required_roles", None)
    if roles is None:
        return None
    return [role for role in STAFF_ROLES if role in roles]


def viewers(app: Flask, rule: Rule) -> list[str]:
    """World client names that may open the rule: its roles, or the visitors for public ones."""
    roles = allowed_roles(app, rule.endpoint)
    if roles is None or not roles:  # public pages, and the sign-in page (open to anyone)
        return ["applicant", "visitor"]
    return [role.value for role in roles]


def forms_by_endpoint(world: World) -> dict[str, FormSpec]:
    """Each POST endpoint's form, from the first page (least privileged viewer first) that
    shows one, found in the state the world was saved in. Crawled once per world (several
    modules ask); the world is put back first, and is left as it was saved."""
    if world.forms is None:
        world.restore()
        world.forms = _crawl(world)
        world.restore()
    return dict(world.forms)


def _crawl(world: World) -> dict[str, FormSpec]:
    app = world.app
    clients = {name: world.client(name) for name in
               ["applicant", "visitor", *(role.value for role in STAFF_ROLES)]}
    found: dict[str, FormSpec] = {}
    for rule in rules(app, "GET"):
        for path in paths_of(app, rule):
            for name in viewers(app, rule):
                response = clients[name].get(path, check=False)
                if response.status_code != 200 or response.mimetype != "text/html":
                    response.close()
                    continue
                _collect(app, found, response.get_data(as_text=True), path, name)
    for name, path, values in world.posted_pages:
        client = world.client(name)  # as saved: the pages crawled above may move a session
        token = world.tokens.get(name) or forms_on(
            client.get(path).get_data(as_text=True), path, name)[0].defaults()["csrf_token"]
        response = client.post(path, data={**values, "csrf_token": token},
                               follow_redirects=True)
        _collect(app, found, response.get_data(as_text=True), path, name)
    return found


def _collect(app: Flask, found: dict[str, FormSpec], html: str, path: str, name: str) -> None:
    for spec in forms_on(html, path, name):
        endpoint = endpoint_of(app, spec.action, "POST")
        if endpoint is not None:
            found.setdefault(endpoint, spec)
