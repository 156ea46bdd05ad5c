"""`python -m services.feedback setup|relay|consume`."""
import sys

from services.feedback.definition import SERVICE
from shared.runtime import main

sys.exit(main(SERVICE))
