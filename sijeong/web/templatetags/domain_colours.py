"""The colours of schedule domains (분야), as a stylesheet the page's CSP admits.

A domain's colour is data, so it cannot live in site.css; a style="" attribute per event would
need 'unsafe-inline'. Instead each page lists its domains once in a <style> carrying the
request's nonce, and an event names its domain by class (`domain-<pk>`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from sijeong.schedule.models import Domain
from sijeong.web.nonces import csp_nonce

register = template.Library()

# The colour is typed in the back office; anything but a hex colour could break out of the rule.
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
FALLBACK = "#64748b"


@register.simple_tag(takes_context=True)
def domain_colours(context: dict[str, Any], domains: Iterable[Domain]) -> SafeString:
    rules = "".join(f".domain-{int(d.pk)}{{--domain:{_colour(d.color)}}}" for d in domains)
    return format_html(
        '<style nonce="{}">{}</style>', csp_nonce(context["request"]), mark_safe(rules)
    )


def _colour(value: str) -> str:
    return value if HEX_COLOUR.fullmatch(value) else FALLBACK
