"""The documentation of the rules that read a file as YAML: what each finds, why it matters, a failing
and a passing example, and the fix (the schema's and plancc.yml's rules are in schema_docs.py).

Each example is real: tests/test_rule_docs.py checks that the failing one gives the rule and the
passing one gives nothing. Where an example is `scope` "plan", its lines are put in a minimal plan
(tests/data/minimal.yaml, replacing the keys it gives); "file", it is the whole file; "config", it is
plancc.yml, beside a folder themes/example; "run", it is words, and the test makes the case itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from plancc.rule_docs import documentation


@dataclass(frozen=True)
class LoaderDoc:
    """A rule of reading and checking a file, with its documentation in parts."""

    id: str
    severity: str
    summary: str
    why: str
    fails: str
    passes: str
    fix: str
    scope: str = "plan"  # what the examples are: lines of a plan, a whole file, plancc.yml, or words
    saved_as: str = "utf-8"  # the encoding the failing example is saved in

    @property
    def text(self) -> str:
        """The documentation, in the shape of a cross-check rule's docstring."""
        return documentation(self.summary, self.why, self.fails, self.passes, self.fix, yaml=self.scope != "run")


PLAN = ("title: Community safety plan\npartnership: Example Community Safety Partnership\n"
        "period: {from: 2024/25, to: 2026/27}\nstatus: draft")
DEEP = "summary: " + "[" * 65 + "]" * 65

DOCS = (
    LoaderDoc(
        "file-unreadable", "error", "The file could not be opened.",
        "plancc was given the name of a file it cannot read: the file has been moved or deleted, the name is "
        "a folder's, or your account may not read it. Nothing in the file can be checked until it can be "
        "opened, so this is reported in place of every other check.",
        "plancc check plans/ward-plan.yaml, where plans/ward-plan.yaml is a folder or a file you may not read",
        "plancc check plans/ward-plan.yaml, where plans/ward-plan.yaml is a plan file you may read",
        "Check the file's name and folder, and that your account may read it.", scope="run"),
    LoaderDoc(
        "file-link", "error", "A plan file is a symbolic link to a file outside its folder, or to nothing.",
        "A link in the plans folder can point anywhere on the machine that runs plancc, such as a password "
        "file. Reading it would put that file's lines into messages, pages and CI logs, so plancc reads a linked "
        "plan only when the file it points to lies in the link's own folder, and reports a broken link "
        "rather than skipping it.",
        "plans/ward-plan.yaml, a link to /etc/passwd or to ../../other-repo/plan.yaml",
        "plans/ward-plan.yaml, the plan file itself (or a link to plans/2025/ward-plan.yaml)",
        "Copy the plan into the folder instead of linking to it.", scope="run"),
    LoaderDoc(
        "text-too-long", "error", "A value over 20,000 characters, or a plan over 1,000,000 in all.",
        "Every value is turned into part of a web page and a PDF, and some shapes of text (thousands of "
        "brackets in a row) take a long time to lay out. The largest example plan holds 34,000 characters and "
        "no value over 3,200, so a value over 20,000 characters (about 3,300 words), or a plan over a million, "
        "is almost always a paste gone wrong, and would make every preview and build slow.",
        "summary: followed by 25,000 characters pasted from another document",
        "summary: the two or three paragraphs the plan needs, with a link to the full document",
        "Shorten the value, or put the long text in a document of its own and link to it; split a very "
        "long plan in two.", scope="run"),
    LoaderDoc(
        "file-too-large", "error", "The file is too large to be a plan (over 5 MiB).",
        "The largest example plan is under 50 KB of text. A file over 5 MiB is almost always something else "
        "saved with a .yaml name, such as a spreadsheet or a database export, and reading it would make every "
        "check slow, so plancc stops before reading it.",
        "a 6 MiB spreadsheet export saved as plans/indicators.yaml",
        "a plan of ordinary length, such as any of the example plans",
        "Check that this is the right file; split a very large plan in two.", scope="run"),
    LoaderDoc(
        "slug-empty", "error", "The plan file's name has no letters or digits to make its web address from.",
        "plancc build publishes each plan at an address made from its file name: plans/ward-plan-2025.yaml "
        "at plans/ward-plan-2025/, in lower-case letters, digits and hyphens, so that every link to it works "
        "and is safe. A name made only of dots, spaces or punctuation leaves nothing to make the address "
        "from, so the plan is not published (its last good output is kept).",
        "plancc build, where the plans folder holds a file named ...yaml",
        "plancc build, where the same plan is saved as ward-plan-2025.yaml",
        "Rename the file to say which plan it is, in letters, digits and hyphens.", scope="run"),
    LoaderDoc(
        "slug-collision", "error", "Two plan files would be published at the same web address.",
        "plancc build publishes each plan at an address made from its file name alone, in lower-case "
        "letters, digits and hyphens. Files whose names differ only in their folder, their capitals, spaces "
        "or punctuation would be published in the same place and one would silently replace the other, so "
        "neither is published (each keeps its last good output) and both files are named.",
        "plancc build, where the plans folder holds plans/north/plan.yaml and plans/south/plan.yaml",
        "plancc build, where they are named plans/north/north-plan.yaml and plans/south/south-plan.yaml",
        "Rename one of the files so that each plan has a name of its own.", scope="run"),
    LoaderDoc(
        "not-utf8", "error", "The file is not saved as UTF-8 text (or contains a NUL character).",
        "Plans are read as UTF-8, the encoding git, web editors and browsers expect. An older encoding, such "
        "as the Windows-1252 that Notepad and word processors may save in, stores characters like £, é and "
        "the dash Word types (–) as bytes that are not UTF-8, and a page built from them would show them "
        "wrongly. The failing example is the line below saved as Windows-1252; the passing one is the same "
        "line saved as UTF-8.",
        "title: Community safety plan – 2024 to 2027",
        "title: Community safety plan – 2024 to 2027",
        "Save the file as UTF-8: in VS Code, click the encoding in the status bar and choose Save with "
        "Encoding, UTF-8.", saved_as="cp1252"),
    LoaderDoc(
        "empty-file", "error", "The file is empty, or every line of it is a comment.",
        "A plan file must hold a plan. A file with nothing in it, or whose lines all start with #, has "
        "nothing to check or publish; it is often a plan commented out while it was being drafted, or a "
        "file saved before anything was typed in. The examples are whole files.",
        "\n".join("# " + line for line in PLAN.split("\n")), PLAN,
        "Remove the # from the start of the lines that make up the plan, or start from a skeleton with "
        "plancc new.", scope="file"),
    LoaderDoc(
        "not-a-mapping", "error", "The file is a list or a single value, not a plan's 'key: value' lines.",
        "A plan is a set of fields, one 'key: value' line each, starting at the left margin. A file that "
        "is a list (its lines start with '- ') or a single line of text has no fields for plancc to read; it "
        "is usually a list pasted in place of a plan, or a plan with a '- ' typed before every line. The "
        "examples are whole files.",
        "\n".join("- " + line for line in PLAN.split("\n")), PLAN,
        "Start the file with lines such as 'title: ...' and 'status: draft', with no '- ' before them.",
        scope="file"),
    LoaderDoc(
        "yaml-syntax", "error",
        "The YAML could not be read: a stray colon, an unclosed quote or bracket, indentation.",
        "YAML is read from a few marks: a colon and a space start a value, quotes and brackets must close, "
        "and the indentation says which block a line belongs to. Where one of them goes wrong, the rest of "
        "the file cannot be read safely, so plancc says where reading stopped and what most likely caused "
        "it. A colon and a space inside a value is the commonest cause.",
        "title: Community safety plan: 2024 to 2027", 'title: "Community safety plan: 2024 to 2027"',
        "Follow the hint: put a value with a colon in double quotes, close the quote or bracket, or line "
        "the line up with the others of its block."),
    LoaderDoc(
        "yaml-tab", "error", "A line is indented with a tab; YAML needs spaces.",
        "The indentation of a line says which block it belongs to. A tab is shown as a different number of "
        "spaces in different editors, so YAML does not allow tabs for indentation at all. In the example, → "
        "stands for the tab.",
        "organisations:\n  - id: csu\n\tname: Community Safety Unit",
        "organisations:\n  - id: csu\n    name: Community Safety Unit",
        "Replace the tab with spaces, lining the line up with the others of its block; set your editor to "
        "insert spaces when you press Tab."),
    LoaderDoc(
        "yaml-odd-space", "error", "A line is indented with non-breaking or other unusual spaces.",
        "Text copied from a word processor, an email or a web page often brings non-breaking spaces with it. "
        "They look like ordinary spaces but are other characters, and YAML does not count them as "
        "indentation, so the line cannot be placed in its block. In the example, · stands for a "
        "non-breaking space.",
        "organisations:\n  - id: csu\n\u00a0\u00a0\u00a0\u00a0name: Community Safety Unit",
        "organisations:\n  - id: csu\n    name: Community Safety Unit",
        "Delete the spaces at the start of the line and type them again."),
    LoaderDoc(
        "yaml-duplicate-key", "error",
        "The same key appears twice in one block (most YAML readers keep only the last).",
        "Each key may appear once in a block. Most YAML tools silently keep only the last of two, so a "
        "value you see first is quietly replaced by another further down: a status, a due date, a target. "
        "When several keys repeat, a new list item has usually lost its '- '.",
        "status: draft\nstatus: approved", "status: approved",
        "Delete one of them or merge what they say; if a new item starts there, begin it with '- '."),
    LoaderDoc(
        "yaml-alias", "error",
        "An anchor and alias (&name, *name) or merge key (<<): plancc does not accept them.",
        "YAML lets a value be named once (&name) and repeated elsewhere (*name), or merged into a block "
        "(<<: *name). It saves typing but hides what the plan says from anyone reading it in the web editor "
        "or reviewing a change, and a few crafted aliases can make a small file enormous, so plancc does not "
        "accept them.",
        "title: &name Community safety plan\nsubtitle: *name",
        "title: Community safety plan\nsubtitle: Community safety plan",
        "Write the value out in full where the alias is, and remove the & and * names."),
    LoaderDoc(
        "yaml-tag", "error", "A YAML tag such as !!python/object: plancc does not accept them.",
        "A tag (a word starting with ! or !!) tells some YAML tools to turn a value into an object of a "
        "kind the tag names, which in tools that trust it can run a program. A plan needs only text, "
        "numbers, lists and blocks, so plancc reports every tag beyond the standard ones.",
        "title: !!python/object Community safety plan", "title: Community safety plan",
        "Remove the tag (the word starting with !) and write the value plainly."),
    LoaderDoc(
        "yaml-complex-key", "error", "A list or block is used as a key.",
        "A key names a field, so it is a single word such as title or due. YAML allows a list or a block "
        "as a key (written with brackets, braces or a '? ' line), but no field of a plan has such a name: "
        "it is usually a stray bracket or question mark.",
        "[title, subtitle]: Community safety plan",
        "title: Community safety plan\nsubtitle: Community safety plan",
        "Write each key as a plain word followed by a colon and a space, on a line of its own."),
    LoaderDoc(
        "yaml-too-deep", "error", "Values are nested implausibly deep.",
        "A plan is never nested more than a few levels deep. Values nested more than 64 levels deep come "
        "from a file made by a program, or a paste gone wrong, and reading them could exhaust plancc's "
        "memory, so plancc stops there.",
        DEEP, "summary: A plan for the whole district.",
        "Check the brackets and the indentation where the diagnostic points; a plan needs a few levels."),
    LoaderDoc(
        "yaml-unquoted-text", "warning",
        "Text that other YAML tools would read as a number or true/false: quote it.",
        "plancc reads each value as its field needs, so version 1.10 stays the text 1.10. VS Code's YAML "
        "extension and other YAML tools read the same line as the number 1.1, and yes or no as true or "
        "false, so the plan would say different things in different tools. Quotes make it text in all of "
        "them.",
        "version: 1.10", 'version: "1.10"', 'Put the value in double quotes, e.g. version: "1.10".'),
    LoaderDoc(
        "yaml-boolean-word", "warning", "A yes/no field answered with yes, no, on or off, which editors read as text.",
        "plancc reads yes, no, on and off in a field that takes true or false as the officer meant them. "
        "Editors that follow YAML 1.2, such as VS Code with its YAML extension, read them as words instead and "
        "mark the line as an error, so the plan would mean different things in the editor and in plancc. "
        "true and false mean the same everywhere.",
        "sections:\n  - title: Glossary\n    appendix: yes", "sections:\n  - title: Glossary\n    appendix: true",
        "Write true for yes or on, and false for no or off."),
    LoaderDoc(
        "yaml-leading-zero", "warning",
        "A number written with a leading zero, which some YAML tools read as octal.",
        "YAML tools that follow YAML 1.1 read a whole number starting with 0 as octal (base 8), so to them "
        "010 is 8 while plancc reads 10. A figure must mean the same in every tool that reads the plan.",
        "risks:\n  - ref: R1\n    description: Funding for the scheme ends in March\n    impact: 03\n"
        "    likelihood: 2",
        "risks:\n  - ref: R1\n    description: Funding for the scheme ends in March\n    impact: 3\n"
        "    likelihood: 2",
        "Write the number without the leading zero."),
    LoaderDoc(
        "invalid-date", "error", "A date or month that does not exist, such as 2003-02-30.",
        "A date that is not on the calendar, such as 30 February or a thirteenth month, cannot be placed "
        "in a period or compared with a due date, so nothing that depends on it can be checked. It is "
        "usually a slip in typing the day or the month.",
        "as_at: 2025-02-30", "as_at: 2025-02-28",
        "Correct the day or the month; write dates as YYYY-MM-DD (2025-02-28) and months as YYYY-MM."),
)
