"""`python -m services.training setup|relay|consume`."""
import sys

from services.training.definition import SERVICE
from shared.runtime import main

sys.exit(main(SERVICE))
