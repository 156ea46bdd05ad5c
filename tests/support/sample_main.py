"""The sample service's processes, as `python -m services.X relay|consume` runs a real one."""
import sys

from shared.runtime import main
from tests.support.sample import SAMPLE

sys.exit(main(SAMPLE, sys.argv[1:]))
