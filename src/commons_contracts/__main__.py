"""`python -m commons_contracts` runs the command line."""

from commons_contracts.cli import main

main()
