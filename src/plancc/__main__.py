"""Allow `python -m plancc`."""

from plancc.cli import main

main()
