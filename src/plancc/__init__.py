"""plancc: compile partnership delivery plans written as YAML into checked, published documents."""

__version__ = "0.1.0"
