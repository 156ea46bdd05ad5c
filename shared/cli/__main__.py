"""``python -m shared.cli`` is ``asn``."""
import sys

from shared.cli import main

sys.exit(main())
