#!/usr/bin/env python3
"""Writes a before/after pair from a real export of the corpus: before.json is the file as
published, after.json the same with about 1% of its content strings edited (names, code,
topics, URLs, values: never ids or wiring, which another instance would keep) and key order
kept. For the dialects whose corpus files are large enough to time (Node-RED, Make, NiFi).

usage: corpus_pair.py EXPORT FOLDER [SEED]"""
import json
import random
import sys

CONTENT_KEYS = {"name", "func", "url", "topic", "payload", "query", "value", "label", "comments", "info", "template", "text"}


def content_strings(value, found):
    """Every (container, key) whose value is a content string, in document order."""
    if isinstance(value, dict):
        for key, member in value.items():
            if isinstance(member, str) and key in CONTENT_KEYS:
                found.append((value, key))
            else:
                content_strings(member, found)
    elif isinstance(value, list):
        for element in value:
            content_strings(element, found)
    return found


def main():
    source, folder = sys.argv[1], sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    text = open(source, "rb").read()
    document = json.loads(text)
    places = content_strings(document, [])
    for container, key in rng.sample(places, max(1, len(places) // 100)):
        container[key] += " (edited)"
    open(f"{folder}/before.json", "wb").write(text)
    with open(f"{folder}/after.json", "w") as out:
        json.dump(document, out, indent=4, ensure_ascii=False)
    print(len(places) // 100 or 1)


if __name__ == "__main__":
    main()
