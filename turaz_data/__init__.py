"""turaz_data: citation-checked tables on Türkiye-Azerbaijan military relations, 1918-2023."""

__version__ = "0.1.0"
