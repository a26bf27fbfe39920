"""Changes to a plan's own sections: how they are numbered; sections added, removed, renamed, renumbered
or moved; their text reworded (by numbered paragraph where the page numbers paragraphs); the parts
placed in them (an indicator, an action group, the risk register, the funding table, a chart); and
their order. tables.py says what changed in their tables.

Sections are matched by id, or else by heading, anywhere in the document, so one moved into another
section is 'moved', not removed and added; one left over is paired with one whose content is much
the same, as a section renamed. A section added or removed is said once, with what it holds.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Iterator

from plancc.diff import tables, words
from plancc.diff.changes import Change, by_text, details, keyed, pairs, steady
from plancc.diff.outline import Block, Paragraph, Section, outline
from plancc.model.comparisons import indicator_comparisons
from plancc.model.plan import Plan

_NUMBERING = {"as-printed": "only the section numbers written in it",
              "sections": "section numbers (1, 1.1, 1.1.1)",
              "paragraphs": "section and paragraph numbers (2, 2.1, 2.2)"}
_RENAMED = 0.6  # a section left over is another's new name when their content is at least this alike
_HANDLED = ("id", "title", "number", "appendix", "body", "table", "content", "sections")


def compare(old: Plan, new: Plan) -> Iterator[Change]:
    yield from _numbering(old, new)
    before, after = outline(old), outline(new)
    found = _matched(before, after)
    same = {id(was): now for was, now in found if was is not None and now is not None}
    kept = {id(now) for now in same.values()}
    for was, now in found:
        if was is None and now is not None:
            if now.parent is None or id(now.parent) in kept:  # else the section it is in says it
                yield Change("sections", "section-added", f"sections[{now.key}]", f"Section {now.label} added"
                             f"{'' if now.parent is None else ' ' + now.place}{_contents(new, now)}.", None, now.title)
        elif now is None and was is not None:
            if was.parent is None or id(was.parent) in same:
                yield Change("sections", "section-removed", f"sections[{was.key}]", f"Section {was.label} removed"
                             f"{'' if was.parent is None else ' from ' + was.parent.name}{_contents(old, was)}.",
                             was.title)
        elif was is not None and now is not None:
            yield from _section(new, was, now, same)
    yield from _order(before, after, same, {id(now): was for was, now in found if was is not None and now is not None})
    yield from _parts(old, new, before, after, same)
    yield from tables.compare(old, new, before, after, same)


def _numbering(old: Plan, new: Plan) -> Iterator[Change]:
    """'The report now has section and paragraph numbers (2, 2.1, 2.2) instead of ...'"""
    was, now = old.data.get("numbering", "as-printed"), new.data.get("numbering", "as-printed")
    if was != now:
        yield Change("sections", "numbering-changed", "numbering", f"The {words.document_noun(new)} now has "
                     f"{_NUMBERING[now]} instead of {_NUMBERING[was]}.", was, now)


def _gist(section: Section) -> str:
    """What a section holds, as words to compare: its text, what it places, its tables and subsections."""
    return " ".join([p.flat for p in section.paragraphs] + [_identity(b) for b in section.blocks if b.kind != "text"]
                    + [c.title for c in section.children])


def _matched(before: dict[str, Section], after: dict[str, Section]) -> list[tuple[Section | None, Section | None]]:
    found = list(pairs(before, after))
    gone = [was for _, was, now in found if now is None and was is not None]
    fresh = [now for _, was, now in found if was is None and now is not None]
    partner = {id(fresh[j]): gone[i] for i, j in by_text([_gist(s) for s in gone], [_gist(s) for s in fresh], _RENAMED)
               if i is not None and j is not None}
    taken = {id(s) for s in partner.values()}
    return [(partner.get(id(now), was) if now is not None else was, now) for _, was, now in found
            if not (now is None and was is not None and id(was) in taken)]


def _contents(plan: Plan, section: Section) -> str:
    """', with 2 paragraphs, a table and the indicator CS 1', or ', with nothing in it'."""
    held = [words.plural(len(section.paragraphs), "paragraph")] if section.paragraphs else []
    count = sum(1 for b in section.blocks if b.kind == "table")
    held += ["a table"] if count == 1 else [f"{count} tables"] if count else []
    held += [part_name(plan, b) for b in section.blocks if b.kind not in ("text", "table")]
    held += [words.plural(len(section.children), "subsection")] if section.children else []
    return f", with {words.join(held)}" if held else ", with nothing in it"


def _section(new: Plan, was: Section, now: Section, same: dict[int, Section]) -> Iterator[Change]:
    path = f"sections[{now.key}]"
    if was.title != now.title:
        yield Change("sections", "section-renamed", path + ".title",
                     f"Section {was.label} is now called {words.quoted(now.title, 80)}.", was.title, now.title)
    yield from _renumbered(was, now, path)
    if bool(was.raw.get("appendix")) != bool(now.raw.get("appendix")):
        state = "is now an appendix" if now.raw.get("appendix") else "is no longer an appendix"
        yield Change("sections", "section-appendix-changed", path + ".appendix", f"Section {now.label} {state}.",
                     bool(was.raw.get("appendix")), bool(now.raw.get("appendix")))
    if not _same_parent(was, now, same):
        yield Change("sections", "section-moved", path, f"Section {now.label} moved: it is now {now.place} instead "
                     f"of {was.place}.", was.parent.key if was.parent else None, now.parent.key if now.parent else None)
    yield from _reworded(was, now, path)
    yield from _content_order(new, was, now, path)
    yield from details("sections", f"Section {now.label}", path, was.raw, now.raw, _HANDLED)


def _renumbered(was: Section, now: Section, path: str) -> Iterator[Change]:
    """A number written on the section (number:) changed; numbers plancc gives follow the order."""
    before, after = was.raw.get("number"), now.raw.get("number")
    if before != after:
        subject = f"Section {words.quoted(now.title, 80)}"
        sentence = (f"{subject} is now numbered {after} instead of {before}." if before and after else
                    words.field_change(f"The number of section {words.quoted(now.title, 80)}", before, after))
        yield Change("sections", "section-renumbered", path + ".number", sentence, before, after)


def _same_parent(was: Section, now: Section, same: dict[int, Section]) -> bool:
    if was.parent is None or now.parent is None:
        return was.parent is None and now.parent is None
    return same.get(id(was.parent)) is now.parent


def _reworded(was: Section, now: Section, path: str) -> Iterator[Change]:
    """'Section '1 Background' reworded: paragraph 1.2 changed.', or '... 1 paragraph changed and 1 added.'"""
    old, new = [p.flat for p in was.paragraphs], [p.flat for p in now.paragraphs]
    if old == new:
        return
    changed: list[tuple[Paragraph, Paragraph]] = []
    added: list[Paragraph] = []
    removed: list[Paragraph] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            width = min(i2 - i1, j2 - j1)
            changed += zip(was.paragraphs[i1:i1 + width], now.paragraphs[j1:j1 + width])
            removed += was.paragraphs[i1 + width:i2]
            added += now.paragraphs[j1 + width:j2]
    moved = [p for p in added if p.flat in {r.flat for r in removed}]
    added = [p for p in added if p not in moved]
    removed = [p for p in removed if p.flat not in {m.flat for m in moved}]
    groups = [([n for _, n in changed], "changed"), (added, "added"), (removed, "removed"), (moved, "moved")]
    yield Change("sections", "section-reworded", path + ".text",
                 f"Section {now.label} reworded: {_paragraphs([(g, verb) for g, verb in groups if g])}.",
                 "\n\n".join([o.text for o, _ in changed] + [p.text for p in removed]) or None,
                 "\n\n".join([n.text for _, n in changed] + [p.text for p in added]) or None)


def _paragraphs(groups: list[tuple[list[Paragraph], str]]) -> str:
    """'paragraphs 2.2 and 2.3 changed and paragraph 2.5 added', or '1 paragraph changed and 1 added'."""
    if all(p.number for found, _ in groups for p in found):
        return words.join(f"{'paragraph' if len(found) == 1 else 'paragraphs'} {words.join(p.number for p in found)} "
                          f"{verb}" for found, verb in groups)
    first, *rest = groups
    return words.join([f"{words.plural(len(first[0]), 'paragraph')} {first[1]}"] +
                      [f"{len(found)} {verb}" for found, verb in rest])


def _identity(block: Block) -> str:
    """What a block is known by within its section, to see whether their order changed."""
    if block.kind == "text":
        return "text:" + " ".join(block.value.split())
    if block.kind == "table":
        return "table:" + (block.value.get("caption") or str(block.value["columns"]))
    return block.key


def _thing(plan: Plan, block: Block) -> str:
    """A block as a sentence names it: 'paragraph 2.3', 'the table '...'', 'the indicator CS 1'."""
    if block.kind == "text":
        if block.numbers:
            many = len(block.numbers) > 1
            return f"paragraph{'s' if many else ''} {block.numbers[0]}" + (f" to {block.numbers[-1]}" if many else "")
        return f"the text beginning {words.quoted(block.value, 40)}"
    if block.kind == "table":
        caption = block.value.get("caption")
        return f"the table {words.quoted(caption)}" if caption else "a table"
    return part_name(plan, block)


def _content_order(plan: Plan, was: Section, now: Section, path: str) -> Iterator[Change]:
    """A block of a section placed before or after another, within the same section."""
    old = list(keyed(was.blocks, _identity))
    new = keyed(now.blocks, _identity)
    common = [k for k in new if k in old]
    stayed = steady([old.index(k) for k in common], [2 if new[k].kind == "text" else 1 for k in common])
    order = list(new)
    for n, key in enumerate(common):
        if n in stayed:
            continue
        at = order.index(key)
        where = "first" if at == 0 else f"after {_thing(plan, new[order[at - 1]])}"
        yield Change("sections", "content-moved", f"{path}.content", f"{words.upper_first(_thing(plan, new[key]))} "
                     f"moved within {now.name}: it now comes {where}.", old.index(key), at)


def _order(before: dict[str, Section], after: dict[str, Section], same: dict[int, Section],
           back: dict[int, Section]) -> Iterator[Change]:
    """Sections that kept their place among their neighbours say nothing; one placed elsewhere among them does.
    `same` pairs old sections (by id()) with new ones, `back` new with old. As for any list of items that
    all have ids, the order of sections that all have ids says nothing (the reformatted copies reverse it)."""
    for parent in [None, *after.values()]:
        siblings = [s for s in after.values() if s.parent is parent]
        kept = [s for s in siblings if id(s) in back and _same_parent(back[id(s)], s, same)
                and bool(back[id(s)].raw.get("appendix")) == bool(s.raw.get("appendix"))]  # appendices go last
        if len(kept) < 2:
            continue
        old_siblings = [s for s in before.values() if s.parent is back[id(kept[0])].parent]
        if all(s.raw.get("id") for s in siblings + old_siblings):
            continue
        stayed = steady([old_siblings.index(back[id(s)]) for s in kept])
        for n, section in enumerate(kept):
            if n not in stayed:
                at = siblings.index(section)
                where = (f"after {siblings[at - 1].label}" if at else "first") + (
                    f" in {parent.name}" if parent and not at else "")
                yield Change("sections", "section-moved", f"sections[{section.key}]", f"Section {section.label} "
                             f"moved: it now comes {where}.", old_siblings.index(back[id(section)]), at)


def part_name(plan: Plan, block: Block) -> str:
    """'the indicator CS 1', 'the chart of CS 1', "the action group 'Partnership activity 2014/15'"."""
    if block.kind in ("indicator", "chart"):
        return ("the indicator " if block.kind == "indicator" else "the chart of ") + _indicator(plan, block.value)
    if block.kind == "comparison" and isinstance(block.value, dict):
        return _comparison(plan, block.value)
    if block.kind == "actions":
        group = next((g for g in plan.action_groups if g.get("id") == block.value), {})
        return f"the action group {words.quoted(group.get('title') or str(block.value))}"
    if block.kind == "risks":
        return "the risk register"
    if block.kind == "finance":
        return "the funding and expenditure table"
    return f"the {words.field_words(block.kind)} {words.quoted(block.key.partition(':')[2])}"


def _indicator(plan: Plan, ref: object) -> str:
    found = next((i for i in plan.indicators if i.id == ref), None)
    return words.indicator(found.code, found.title) if found else words.quoted(str(ref))


def _comparison(plan: Plan, value: dict[str, object]) -> str:
    """'the comparison of CS 1 with other areas for 2014/15' (the period of the comparison it shows)."""
    found = next((i for i in plan.indicators if i.id == value.get("indicator")), None)
    index = value.get("index") or 0
    shown = indicator_comparisons(plan, found) if found else []
    period = f" for {shown[index].period}" if isinstance(index, int) and index < len(shown) else ""
    return f"the comparison of {_indicator(plan, value.get('indicator'))} with other areas{period}"


def _own_part(plan: Plan, block: Block) -> str:
    """'; the page shows it in its own part', where a part no section places still has a place of its own."""
    still = {"indicator": any(i.id == block.value for i in plan.indicators), "risks": bool(plan.risks),
             "actions": any(g.get("id") == block.value for g in plan.action_groups),
             "finance": plan.finance is not None}
    return "; the page shows it in a part of its own" if still.get(block.kind) else ""


def _parts(old: Plan, new: Plan, before: dict[str, Section], after: dict[str, Section],
           same: dict[int, Section]) -> Iterator[Change]:
    """A part placed in a section, taken out of one, or now in another section."""
    def placed(sections: dict[str, Section]) -> dict[str, tuple[Block, Section]]:
        return keyed(((b, s) for s in sections.values() for b in s.blocks if b.kind not in ("text", "table")),
                     lambda found: found[0].key)

    kept = {id(now) for now in same.values()}
    for key, was, now in pairs(placed(before), placed(after)):
        path = f"sections.placed[{key}]"
        if was is None and now is not None:
            if id(now[1]) in kept:
                yield Change("sections", "part-placed", path, f"{words.upper_first(now[1].name)} now shows "
                             f"{part_name(new, now[0])}.", None, now[1].key)
        elif now is None and was is not None:
            if id(was[1]) in same:
                yield Change("sections", "part-unplaced", path, f"{words.upper_first(was[1].name)} no longer shows "
                             f"{part_name(old, was[0])}{_own_part(new, was[0])}.", was[1].key)
        elif was is not None and now is not None and same.get(id(was[1])) is not now[1]:
            yield Change("sections", "part-moved", path, f"{words.upper_first(part_name(new, now[0]))} is now shown "
                         f"in {now[1].name} instead of {was[1].name}.", was[1].key, now[1].key)
