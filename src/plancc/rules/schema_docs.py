"""The documentation of the rules that check a plan against its schema, of reading periods, of
suppression comments, of plancc's own failures and of plancc.yml (see loader_docs.py for the shape
and how the examples are tested)."""

from __future__ import annotations

from plancc.rules.loader_docs import LoaderDoc

RISK = "risks:\n  - ref: R1\n    description: Funding for the scheme ends in March\n    impact: 3\n    likelihood: 4\n"
TARGET = ("indicators:\n  - id: burglary\n    title: Domestic burglaries\n    unit: count\n    direction: reduce\n"
          "    targets:\n      - period: 2024/25\n        value: 440\n")
AMOUNTS = ("finance:\n  columns: [2024/25, 2025/26]\n  funding:\n    - category: revenue\n      lines:\n"
           "        - name: Home Office grant\n")
CONTENT = "sections:\n  - title: Introduction\n    content:\n"

DOCS = (
    LoaderDoc(
        "period-label", "error",
        "A period label that is not a real period, such as the financial year 2009/11.",
        "A financial year is written as its first year and the last two digits of the next (2024/25), a "
        "quarter adds Q1 to Q4 (2024/25 Q1). A label with that shape that is not a real period, such as "
        "2024/26, which spans two years, cannot be placed in time, so the targets, figures and amounts under "
        "it cannot be compared or added up.",
        "period:\n  from: 2024/26\n  to: 2026/27", "period:\n  from: 2024/25\n  to: 2026/27",
        "Correct the label: a financial year is two consecutive years, 2024/25."),
    LoaderDoc(
        "schema-unknown-key", "error", "A field the plan format does not have (with a 'did you mean').",
        "Every field of a plan has a name the plan format knows (the sections above list them). A field with "
        "another name, usually a misspelling or a field that its indentation puts in the wrong block, would "
        "be left out of the published plan without a word, so plancc reports it and suggests the nearest "
        "name.",
        "subtitel: Delivery plan 2024 to 2027", "subtitle: Delivery plan 2024 to 2027",
        "Correct the name as the hint suggests, or line the field up with the block it belongs to."),
    LoaderDoc(
        "schema-required", "error", "A required field is missing.",
        "Some fields must always be given: a plan's title, partnership, period and status, an "
        "organisation's name, a lead officer's role, an action's lead agency and due date. Without them "
        "the plan cannot be published, or a part of it cannot be shown or checked.",
        "lead_officer:\n  unit: Community Safety Unit",
        "lead_officer:\n  role: Community Safety Manager\n  unit: Community Safety Unit",
        "Add the missing field to the block the diagnostic points at."),
    LoaderDoc(
        "schema-type", "error",
        "A value of the wrong kind: text where a number belongs, a list where text belongs.",
        "Each field takes one kind of value: text, a number, a list, or a block of 'key: value' lines "
        "indented under it. A value of another kind cannot be shown or checked as the field needs; it is "
        "often a block written on one line, or a number with words or a £ sign in it.",
        "period: 2024/25 to 2026/27", "period:\n  from: 2024/25\n  to: 2026/27",
        "Write the value as the hint says: a number without £ or commas, a block on the lines below its "
        "key, a list with '- ' items."),
    LoaderDoc(
        "schema-enum", "error", "A value that is not one of the allowed words.",
        "Some fields take one of a fixed list of words, such as a plan's status (draft, approved, "
        "published) or an indicator's direction (reduce, increase, maintain). plancc decides what to "
        "publish and what to check from these words, so each must be written exactly as listed, in lower "
        "case.",
        "status: Draft", "status: draft",
        "Use one of the words listed in the message (the hint suggests the nearest)."),
    LoaderDoc(
        "schema-pattern", "error", "A value not written in the form its field needs (dates, periods, ids, %).",
        "Some values must be written in a set form: ids in letters, digits and hyphens, periods as 2024/25 "
        "or 2024/25 Q1, percentage changes with a % sign. plancc reads the parts of such a value (a year, a "
        "quarter, a number), so a value in another form cannot be understood.",
        "organisations:\n  - id: community safety unit\n    name: Community Safety Unit",
        "organisations:\n  - id: community-safety-unit\n    name: Community Safety Unit",
        "Rewrite the value in the form the hint shows (it suggests the nearest, e.g. hyphens for spaces)."),
    LoaderDoc(
        "schema-format", "error", "A date or email address that is not valid.",
        "Dates must be real dates written YYYY-MM-DD, and email addresses real addresses, because the "
        "published page turns them into dates readers can rely on and links they can use. A date written "
        "day first, such as 25/02/2025, is read differently in different countries, so plancc asks for the "
        "one form that cannot be misread.",
        "as_at: 25/02/2025", "as_at: 2025-02-25",
        "Write the date as YYYY-MM-DD (the hint gives it), or correct the email address."),
    LoaderDoc(
        "schema-range", "error", "A number outside the range its field allows.",
        "Some numbers have limits: a risk scale starts at 1, a table has at most 5 header rows, a "
        "denominator is more than 0. A number outside its field's range is almost always a typing slip, "
        "and would give a risk matrix, a rate or a table that cannot be drawn.",
        "risk_scale:\n  impact_max: 0\n  likelihood_max: 5", "risk_scale:\n  impact_max: 5\n  likelihood_max: 5",
        "Correct the number to one within the range the message gives."),
    LoaderDoc(
        "theme-template", "error", "A template in the council's theme folder has a mistake.",
        "A theme replaces plancc's templates file by file. A template with a syntax slip, a variable the "
        "page is not given, or something the template sandbox refuses (reaching into Python objects) cannot "
        "make a page, so nothing is written for it and the message names the template and its line. It is "
        "the theme's to correct, not a bug in plancc.",
        "plancc render plan.yaml --theme themes/ours, where themes/ours/plan.html says {{ plan.titel }}",
        "plancc render plan.yaml --theme themes/ours, where themes/ours/plan.html says {{ plan.title }}",
        "Correct the template at the line named (docs/templates.md lists each template's variables), or "
        "remove it from the theme folder to use plancc's own.", scope="run"),
    LoaderDoc(
        "theme-file", "error", "A theme folder holds a link leading out of it, a broken link, or a pipe or device.",
        "Everything in a theme's folder may be copied into the published site or included in a page. A "
        "symbolic link to a file elsewhere on the building machine (a password file, a key) would publish it, "
        "and a broken link, a named pipe or a device would stop the build, so plancc uses only ordinary files "
        "that really lie inside the theme folder and names each entry it refuses. Nothing is written until "
        "the theme is put right.",
        "themes/ours/assets/logo.png, a link to /home/officer/Pictures/logo.png",
        "themes/ours/assets/logo.png, a copy of the picture",
        "Put a copy of the file in the theme folder in place of the link, or delete the entry.", scope="run"),
    LoaderDoc(
        "output-unwritable", "error", "plancc cannot write its output: a full disk, a read-only folder, no permission.",
        "Writing a page, a PDF or a site needs room on the disk and permission to write to the folder. When "
        "either is missing plancc says which file or folder and why, removes what it had half written, and "
        "leaves the published site as it was, so that a failed build never takes the site down. It is a "
        "problem of the machine or the folder, not of the plan.",
        "plancc build plans/ --out /mnt/full-disk/site",
        "plancc build plans/ --out build/site, on a disk with room and a folder you may write to",
        "Free some space or choose another output folder (--out, --output); ask for permission where it is "
        "refused.", scope="run"),
    LoaderDoc(
        "render-failed", "error", "plancc stopped while making a plan's page or PDF in a build.",
        "A build makes each plan's page and PDF in worker processes. When one stops before it finishes (the "
        "machine ran out of memory, the process was killed) or plancc itself fails there, the build says so at "
        "the plan, does not publish the new site and leaves the published one as it was, so readers never see "
        "a site with a plan missing. It is not a mistake in the plan's wording.",
        "plancc build plans/ on a machine that ran out of memory while printing a long plan",
        "plancc build plans/ with memory to spare",
        "Run `plancc print` on the plan named to see whether it prints on its own; if it does, build again. If "
        "the process was not stopped from outside, please report it with the plan: it is a fault in plancc.",
        scope="run"),
    LoaderDoc(
        "figure-range", "error", "A number too big, too small or too precise for a plan to hold.",
        "A plan's figures are counts, rates, pounds and percentages: none comes near a thousand million "
        "million. A number beyond that, with more than 30 digits or more than 12 decimal places, is a typing "
        "slip or a deliberate attack, and working with it (adding it up, printing it with commas) could take "
        "hours or fail, so it is refused where it is written and nothing is worked out from it.",
        "risk_scale:\n  impact_max: 5e9999\n  likelihood_max: 5", "risk_scale:\n  impact_max: 5\n  likelihood_max: 5",
        "Write the figure as the document prints it, without an exponent: 1385077 or 10.88."),
    LoaderDoc(
        "schema-empty", "error", "A field that must not be empty.",
        "A few fields must say something: a plan's title and partnership, the words a report uses for each "
        "status. An empty value, often a pair of quotes left behind when the text was deleted, would publish "
        "a page with a blank heading or a blank status.",
        'title: ""', "title: Community safety plan",
        "Write the text in, or remove the field where it is optional."),
    LoaderDoc(
        "schema-count", "error", "A list with the wrong number of items, such as a profile of three quarters.",
        "Some lists must have a set number of items: a target's profile lists exactly four quarters' "
        "targets, one for each quarter of the financial year. With three, one quarter has no target and "
        "plancc cannot tell which.",
        TARGET + "        profile: [120, 110, 100]", TARGET + "        profile: [120, 110, 100, 110]",
        "Give the number of items the message asks for, or write profile: even or profile: cumulative."),
    LoaderDoc(
        "schema-key", "error", "A key that is not allowed in a map with free keys (a period that is not a period).",
        "A funding line's amounts and a table's stated totals are written as period: amount, with a period "
        "as each key. A key that is not a period, such as 2025-26 for the financial year 2025/26, cannot be "
        "matched with the table's columns, so its amount would be left out of the table and its totals.",
        AMOUNTS + "          amounts: {2024/25: 5000, 2025-26: 5000}",
        AMOUNTS + "          amounts: {2024/25: 5000, 2025/26: 5000}",
        "Write the key as a period: a financial year 2025/26, a quarter 2025/26 Q1 or a month 2025-05."),
    LoaderDoc(
        "schema-other", "error", "Any other value the plan format does not allow.",
        "A few rules of the plan format fit none of the kinds above: each item of a section's content holds "
        "exactly one thing (text, a table, a chart, an action group, the risk register), and risks or "
        "finance in it can only be true. plancc names the field and the rule it breaks.",
        CONTENT + "      - text: Our plan for the district.\n        risks: true",
        CONTENT + "      - text: Our plan for the district.\n      - risks: true",
        "Follow the hint; for content, give each piece a '- ' item of its own."),
    LoaderDoc(
        "checks-not-run", "warning",
        "Some cross-checks were not run, because the parts of the plan they read have errors.",
        "The cross-checks of arithmetic, dates and references need the values they read to be of the kind the "
        "format expects. Where a block has an error, such as an amount written '£5,000', the checks that read "
        "that block are not run, rather than report something that is not so, and the others still run. This "
        "one line says how many were left out, so that the plan is not taken as fully checked.",
        AMOUNTS + "          amounts: {2024/25: '£5,000', 2025/26: 5000}",
        AMOUNTS + "          amounts: {2024/25: 5000, 2025/26: 5000}",
        "Correct the errors reported with it and check again; the checks left out then run on the whole plan."),
    LoaderDoc(
        "suppression-reason", "warning", "A '# plancc: ignore[rule]' comment gives no reason.",
        "A comment # plancc: ignore[rule] turns a check off on its line, for a figure that must stay as the "
        "source document printed it. Whoever reads the plan next needs to know why the check is off, so "
        "plancc asks for the reason after the comment (the check stays off either way).",
        RISK + "    rating: 9  # plancc: ignore[risk-rating]",
        RISK + "    rating: 9  # plancc: ignore[risk-rating] as published in the risk register",
        "Say why after the comment, e.g. # plancc: ignore[risk-rating] as published in the risk register."),
    LoaderDoc(
        "plancc-internal", "error", "plancc could not run one of its checks on this plan (a bug in plancc).",
        "Each check runs on its own. When one stops with an error of plancc's own, this is reported in its "
        "place and the other checks still run, so that a plan is never passed unchecked. It is not a mistake "
        "in the plan, and the message names the check that failed.",
        "a plan on which one of plancc's checks stops with an error of its own",
        "the same plan, once plancc is corrected",
        "Report it to whoever looks after plancc, with the plan and the message; the other checks' results "
        "still hold.", scope="run"),
    LoaderDoc(
        "config-unknown-key", "error", "A setting plancc.yml does not have (plancc build and report stop).",
        "plancc.yml holds the site's settings: site_title, council, base_url, theme, publish_statuses, "
        "footer_links, licence and performance (the README describes them). A setting with another name, "
        "usually misspelt, would be ignored without a word. The examples are lines of plancc.yml.",
        "site_titel: Community safety plans", "site_title: Community safety plans",
        "Correct the setting's name to one of those listed in the hint.", scope="config"),
    LoaderDoc(
        "config-theme", "error", "The theme folder plancc.yml names does not exist.",
        "A theme is a folder of templates and styles that replace plancc's own, named relative to "
        "plancc.yml. If the folder is not there, every page would be built without the council's look, so "
        "the build stops. The examples are lines of a plancc.yml that has a folder themes/example beside it.",
        "theme: themes/exmaple", "theme: themes/example",
        "Correct the folder's name, create the folder, or remove the theme setting.", scope="config"),
    LoaderDoc(
        "config-performance", "error", "A setting of plancc.yml's performance block is not written as it needs.",
        "The performance block of plancc.yml sets how status is judged for every plan: the tolerance for "
        "close to target, the band for the same, when figures are due and the words a report uses. A "
        "setting in another form would judge every plan wrongly, so it is reported. The examples are lines "
        "of plancc.yml.",
        "performance:\n  tolerance: 5", "performance:\n  tolerance: 5%",
        "Write tolerance and same as 5% or 2 points, actuals_due as 6 weeks.", scope="config"),
    LoaderDoc(
        "config-link", "error", "A link in plancc.yml (a footer link or base_url) is not a web or email address.",
        "Footer links appear on every page of the site, and base_url is where the site says it lives. A "
        "javascript: or data: address would run a script or show content for every reader who clicks it, so "
        "only http, https and mailto addresses (and links within the site) are allowed, as in a plan's text. "
        "The examples are lines of plancc.yml.",
        "footer_links:\n  - text: Accessibility\n    url: javascript:alert(1)",
        "footer_links:\n  - text: Accessibility\n    url: https://www.example.gov.uk/accessibility",
        "Write the full web address (https://...), an email address as mailto:..., or a page of the site.",
        scope="config"),
)
