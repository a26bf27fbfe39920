"""Report stage: the quarterly performance report across plans (build.py), as the page shows it (view.py),
written as HTML, a tagged PDF and open data (write.py)."""
