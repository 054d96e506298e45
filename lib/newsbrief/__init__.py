"""newsbrief: turn a folder of news articles about one story into an analytical brief.

Modules, in pipeline order:
    text             the low floor: words, month names and dates, sentence spans
    corpus           load articles, flag page chrome, split paragraphs and sentences (offsets kept)
    chrome           the page-chrome rules the corpus step applies
    stats            per-article and per-outlet statistics, readability
    embeddings       sentence-transformers embeddings with the bundled model, offline
    near_duplicates/ repeated and paraphrased passages at three levels, calibrated per corpus (a
                     package: settings, signals, passages, calibration, candidates, detection,
                     sweep (sensitivity), evaluation, plots)
    alignment        two passages aligned word by word; passage pairs side by side in a notebook
    claims/          numeric figures claimed in the text: intervals, qualifiers, attribution, hedges
                     (a package, one module per stage of the extractor)
    comparison       figures that count the same thing, compared across articles
    brief            the HTML brief computed from the tables of the steps above
    provenance       inputs, model, code fingerprint, packages, parameters and step times of a run
    browser          headless Chromium: the brief as a reader's browser shows it, and its PDF
    tables, figures  documented tables and deterministic CSV and plot files
    outputs          where a step writes: staged, then published when the step succeeds
    files            atomic replacement of output files
    run              the step runner make calls: papermill, scrubbed notebooks, stamps, progress bars
    progress         progress of long work, drawn by the step runner or shown under a notebook cell
    deps             the library files each step depends on (read by the Makefile)
"""

__version__ = "0.1.0"
