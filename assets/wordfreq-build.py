#!/usr/bin/env python3
"""Rebuilds assets/wordfreq-en.txt from the PyPI `wordfreq` package (data CC BY-SA 4.0).

usage: pip install wordfreq==3.1.1 && python3 assets/wordfreq-build.py > assets/wordfreq-en.txt

The table holds the 50,000 most frequent English words (lowercase, letters, apostrophes and
dots only), one line `word NN` each, sorted by bytes (the reader bisects it), NN the Zipf
frequency × 10; Zipf is log10 of occurrences per billion words (the 7.7 of "the" to about 2.5
at the end of the list). Words absent from the table are rarer than its last entry. A word
listed twice keeps its first (highest) value.
"""
import wordfreq

N = 50000
words = [w for w in wordfreq.top_n_list("en", N)
         if w and all(c.isalpha() or c in "'." for c in w) and any(c.isalpha() for c in w)]
print("# English word frequencies from wordfreq %s (CC BY-SA 4.0), see wordfreq-ATTRIBUTION.md"
      % getattr(wordfreq, "__version__", "3.1.1"))
print("# One word per line, sorted by bytes, with its Zipf frequency x 10.")
zipf = {}
for w in words:
    zipf.setdefault(w, int(round(wordfreq.zipf_frequency(w, "en") * 10)))
for w in sorted(zipf):
    print("%s %d" % (w, zipf[w]))
