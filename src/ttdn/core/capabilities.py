"""A registry of what a signed-in person can do, shown on the admin home.

Each app registers its screens with the policy that guards them; the dashboard lists those the
user's roles allow, so the list grows with the apps and never promises a screen that refuses.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Capability:
    label: str
    url_name: str
    policy: object
    actions: tuple = ("view",)
    order: int = 100


_registry: list[Capability] = []


def register(capability: Capability) -> None:
    _registry.append(capability)


def capabilities_for(user) -> list[dict]:
    shown = []
    for capability in sorted(_registry, key=lambda c: c.order):
        if capability.policy.user_has_any_permission(user, list(capability.actions)):
            shown.append({"label": capability.label, "url": reverse(capability.url_name)})
    return shown
