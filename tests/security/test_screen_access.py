"""Role × screen matrix (screen_matrix.csv) and anonymous access to every internal URL."""

import csv
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ttdn.org.models import Membership, Role

MATRIX = Path(__file__).with_name("screen_matrix.csv")


def matrix_rows():
    lines = [line for line in MATRIX.read_text().splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def screen_url(name, world):
    officer_unit = world["cam-tan"]["office"]
    if name in {"units:edit", "units:history"}:
        return reverse(name, args=[officer_unit.pk])
    if name == "staff:edit":
        seat = Membership.objects.get(user=world["cam-tan"][Role.CULTURE_OFFICER])
        return reverse(name, args=[seat.pk])
    if name == "communes:edit":
        return reverse(name, args=[world["cam-tan"]["commune"].pk])
    return reverse(name)


@pytest.fixture
def upper_level(world, admin_user):
    from ttdn.org.models import AdministrativeArea
    from ttdn.org.services import staff_create

    province = AdministrativeArea.objects.get(scheme="current", level="province", code=38)
    return staff_create(
        username="tinh.thu", family_name="Cán bộ", given_name="Tỉnh", email="",
        password="một câu mật khẩu đủ dài", role=Role.UPPER_LEVEL, area=province,
        actor=admin_user,
    ).user


@pytest.mark.nodb
def test_matrix_covers_every_role():
    header = matrix_rows()[0].keys()
    assert set(header) - {"screen"} == set(Role.values)


def test_role_screen_matrix(world, upper_level, client):
    actors = {role: world["cam-tan"].get(role) for role in Role.values}
    actors[Role.UPPER_LEVEL] = upper_level
    failures = []
    for row in matrix_rows():
        url = screen_url(row["screen"], world)
        for role, expected in row.items():
            if role == "screen":
                continue
            client.force_login(actors[role])
            status = client.get(url).status_code
            outcome = "open" if status == 200 else "deny" if status in (302, 403, 404) else status
            if outcome != expected:
                failures.append(f"{row['screen']} as {role}: expected {expected}, got {status}")
    assert not failures, "\n".join(failures)


def _internal_urls():
    """Every admin and account URL, with placeholder arguments for its converters."""
    samples = {"UUIDConverter": "00000000-0000-0000-0000-000000000000"}

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                for name, converter in pattern.pattern.converters.items():
                    value = samples.get(type(converter).__name__, "1")
                    route = re.sub(rf"<(\w+:)?{name}>", value, route)
                if "^" in route or "(?P" in route:
                    continue  # regex routes (few, Wagtail's): covered by their resolver's guard
                yield "/" + route

    return [url for url in walk(get_resolver().url_patterns)
            if url.startswith(("/admin/", "/account/"))]


@pytest.mark.django_db
def test_anonymous_is_bounced_from_every_internal_url(client):
    urls = _internal_urls()
    assert len(urls) > 100
    # Sign-in pages, and the public icon sprite and translations the sign-in page loads.
    allowed = ("/admin/login/", "/admin/password_reset/", "/admin/jsi18n/",
               "/admin/logout/", "/admin/sprite")
    leaks = []
    for url in urls:
        if url.startswith(allowed):
            continue
        response = client.get(url)
        if response.status_code == 200:
            leaks.append(url)
    assert not leaks, leaks
