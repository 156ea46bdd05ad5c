"""``python -m tools.cli`` is ``asn``."""
import sys

from tools.cli.main import main

sys.exit(main())
