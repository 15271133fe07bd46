#!/usr/bin/env python3
"""Writes the large hostile inputs of /work/findings.md as .txt articles.

    python3 tests/data/bad_inputs/make_inputs.py OUTDIR [N]

N (default 10000) is the number of repetitions; the files are the inputs of
the limits tests of the same name (tests/limits_test.cc) at that size, so a
finding can be reproduced with qawl-extract or perf without the test:

    qawl-extract --format=jsonl OUTDIR/quotes_then_cue.txt
"""
import os
import sys

STATEMENT = 'قال الرئيس الروسي فلاديمير بوتين: "نحن مستعدون للحوار مع جميع الشركاء".'

INPUTS = {
    # Each quotation attributed by the cue after it, in the leftover pass.
    "quotes_then_cue": lambda n: "«نحن مستعدون للحوار مع جميع الشركاء»، قال الرئيس الروسي فلاديمير بوتين. " * n,
    # Long standalone quotations two paragraphs away from the only record.
    "standalone_quotes": lambda n: STATEMENT + "\n" + (
        "وشهدت العاصمة أمس اجتماعات مكثفة بين الوفود.\n"
        '"هذه جملة طويلة بما يكفي لتكون اقتباسا مستقلا تماما"\n') * n,
    # Statements after a colon with no marks, 2n marks elsewhere.
    "unmarked_statements": lambda n: (
        "قال الرئيس الروسي فلاديمير بوتين: نحن مستعدون للحوار مع جميع الشركاء.\n"
        'ونشرت صحيفة "إزفستيا" التقرير كاملا.\n') * n,
    # One sentence of n cues of reported speech, no punctuation.
    "sentence_of_reported_speech": lambda n: "أكد المتحدث أن المحادثات ستستمر في العاصمة الأسبوع المقبل " * n,
    # 2n quotation marks as n statements in one paragraph.
    "statements_one_paragraph": lambda n: (STATEMENT + " ") * n,
}


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    os.makedirs(out, exist_ok=True)
    for name, make in INPUTS.items():
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(make(n))


if __name__ == "__main__":
    main()
