"""Package-level metadata: one place for what datapackage.json and cite() say.

Standard library only. The table-level metadata lives in :mod:`turaz_data.models`.
"""

from __future__ import annotations

from . import __version__

ARTICLE = {
    "id": "ozsoy-2023",
    "authors": ["Özsoy, Bahar"],
    "title": "Türkiye-Azerbaycan İlişkilerinin Askerî Boyutu",
    "title_en": "Military Dimension of Türkiye-Azerbaijan Relations from 1918 to 2023",
    "journal": "Güvenlik Stratejileri Dergisi",
    "journal_en": "Journal of Security Strategies",
    "year": 2023,
    "url": "https://dergipark.org.tr/en/pub/guvenlikstrtj/article/1354438",
}

#: SHA-256 of the normalised article text the shipped tables were verified against
#: (see turaz_data.article for the normalisation). None until the verifier has run.
ARTICLE_SHA256: str | None = "b6dc686667edc80bac2154b4eed71cb708243cb501324dd7cb7027b5214592d1"

PACKAGE = {
    "name": "turaz-data",
    "title": "turaz_data: military relations of Türkiye and Azerbaijan, 1918-2023",
    "description": (
        "Citation-checked tables of the events, agreements, arms transfers and figures "
        "on the military relations of Türkiye and Azerbaijan, 1918-2023, extracted from "
        "one article (Özsoy, Güvenlik Stratejileri Dergisi). Every claim row names the "
        "footnote of the article that backs it, how it backs it (sentence, paragraph or "
        "note), and verbatim evidence tokens that a verifier checks against the article. "
        "Descriptions are the compilers' own English words."
    ),
    "version": __version__,
    "year": 2026,
    "homepage": "https://dergipark.org.tr/en/pub/guvenlikstrtj/article/1354438",
    "keywords": [
        "Türkiye", "Azerbaijan", "military relations", "defence cooperation", "arms transfers",
        "Karabakh", "South Caucasus", "security studies",
    ],
    "licenses": [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 (the compilation: tables and metadata)",
        }
    ],
    "contributors": [
        {"title": "turaz_data contributors", "roles": ["creator", "maintainer"]},
    ],
}
