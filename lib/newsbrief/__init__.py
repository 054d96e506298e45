"""newsbrief: turn a folder of news articles about one story into an analytical brief.

Modules, in pipeline order:
    corpus           load articles, flag page chrome, split paragraphs and sentences (offsets kept)
    chrome           the page-chrome rules the corpus step applies
    stats            per-article and per-outlet statistics, readability
    embeddings       sentence-transformers embeddings with the bundled model, offline
    near_duplicates  article and paragraph pairs with semantic and lexical similarity
    claims           numeric figures claimed in the text, as intervals with qualifiers
    brief            the HTML brief computed from the tables of the steps above
    tables, figures  deterministic writing of CSV tables and plot files
"""

__version__ = "0.1.0"
