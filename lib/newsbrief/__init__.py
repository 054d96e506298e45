"""newsbrief: turn a folder of news articles about one story into an analytical brief.

Modules, in pipeline order:
    corpus           load articles, flag page chrome, split paragraphs and sentences (offsets kept)
    chrome           the page-chrome rules the corpus step applies
    stats            per-article and per-outlet statistics, readability
    embeddings       sentence-transformers embeddings with the bundled model, offline
    near_duplicates  repeated and paraphrased passages at three levels, calibrated per corpus
    claims           numeric figures claimed in the text: intervals, qualifiers, attribution, hedges
    comparison       figures that count the same thing, compared across articles
    brief            the HTML brief computed from the tables of the steps above
    tables, figures  documented tables and deterministic CSV and plot files
    files            atomic replacement of output files
"""

__version__ = "0.1.0"
