"""The load stage: a plan file read safely (plan_files), its YAML parsed with source positions and
read as the officer meant it (loader, values, recovery, indent), its text bounded (text_limits), and
each YAML mistake said in plain English (messages). Its product is a LoadedPlan (source)."""
