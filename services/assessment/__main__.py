"""`python -m services.assessment setup|relay|consume`."""
import sys

from services.assessment.definition import SERVICE
from shared.runtime import main

sys.exit(main(SERVICE))
