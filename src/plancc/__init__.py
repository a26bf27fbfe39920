"""plancc: compile partnership delivery plans written as YAML into checked, published documents."""

__version__ = "0.3.0"
