"""The packaged YAML resources: one home for every entry.

YAML lets a mapping repeat a key and silently keeps the last value, so a verb or a
word listed twice loses one of its entries without a word. Every mapping of every
packaged file has each key once.
"""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from kg.resources import resource_path

FILES = sorted(p.name for p in resource_path(".").glob("*.yaml"))


def duplicate_keys(text: str) -> list[tuple[int, str]]:
    """(line, key) of every key a mapping of the YAML text repeats."""
    out: list[tuple[int, str]] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
            out.extend(
                (node.start_mark.line + 1, k)
                for k, n in Counter(keys).items()
                if n > 1 and k != "<<"
            )
            for _, value in node.value:
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for value in node.value:
                walk(value)

    walk(yaml.compose(text))
    return out


def test_the_check_finds_a_repeated_key():
    assert duplicate_keys("verbs:\n  stand: a\n  side: b\n  stand: c\n") == [
        (2, "stand")
    ]
    assert duplicate_keys("verbs:\n  stand: a\n  side: b\n") == []


@pytest.mark.parametrize("name", FILES)
def test_no_packaged_file_repeats_a_key(name):
    text = resource_path(name).read_text("utf-8")
    assert duplicate_keys(text) == []
