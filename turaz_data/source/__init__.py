"""The article: parsing its plain text, and verifying claim rows against the passages they cite."""

#: The environment variable naming the article's plain-text file when no path is given
#: (``verify(article=None)``, ``--article`` of every command).
ARTICLE_ENV = "TURAZ_ARTICLE"
