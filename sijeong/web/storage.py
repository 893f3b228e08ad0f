"""Static files for production: hashed names and compressed copies (WhiteNoise)."""

from __future__ import annotations

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _names_a_source_map(pattern: str | tuple[str, str]) -> bool:
    regex = pattern[0] if isinstance(pattern, tuple) else pattern
    return "sourceMappingURL" in regex


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage, without rewriting `sourceMappingURL` comments: the vendored KRDS
    stylesheets name source maps that its npm package does not ship, and a map only a
    developer's tools would fetch is no reason to refuse to deploy."""

    patterns = tuple(
        (extension, tuple(p for p in patterns if not _names_a_source_map(p)))
        for extension, patterns in ManifestStaticFilesStorage.patterns
    )
