"""`facts.affected`: which files' kept problems a change of facts may make wrong."""

from __future__ import annotations

from procspec.checking.facts import Facts, affected


def fact(pid: str, parent: str | None = None, owner: str = "anna.berg") -> Facts:
    return Facts(
        f"processer/{pid}.yaml", pid, pid, True, pid, "stödprocess", None, parent, (owner,)
    )


TREE = [
    fact("a"),
    fact("b", "a"),
    fact("c", "b"),
    fact("d", "a"),
    fact("e"),
]


def test_nothing_changed_affects_nothing() -> None:
    assert affected(TREE, list(TREE)) == set()


def test_a_change_reaches_every_process_below_and_no_other() -> None:
    changed = [fact("a", owner="bo.ek"), *TREE[1:]]
    assert affected(TREE, changed) == {f"processer/{p}.yaml" for p in ("b", "c", "d")}


def test_a_leaf_changed_affects_nothing_else() -> None:
    changed = [*TREE[:4], fact("e", owner="bo.ek")]
    assert affected(TREE, changed) == set()


def test_a_process_moved_reaches_below_it_under_either_parent() -> None:
    moved = [TREE[0], fact("b", "e"), *TREE[2:]]
    assert affected(TREE, moved) == {"processer/c.yaml"}


def test_a_file_added_removed_or_renamed_is_everything() -> None:
    assert affected(TREE, [*TREE, fact("f")]) is None
    assert affected(TREE, TREE[:-1]) is None
    assert affected(TREE, [*TREE[:-1], fact("f")]) is None


def test_a_cycle_ends() -> None:
    ring = [fact("a", "b"), fact("b", "a")]
    assert affected(ring, [fact("a", "b", owner="bo.ek"), ring[1]]) == {
        "processer/a.yaml",
        "processer/b.yaml",
    }
