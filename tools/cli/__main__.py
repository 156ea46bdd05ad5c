"""``python -m tools.cli`` is ``asn``."""
import sys

from tools.cli import main

sys.exit(main())
