"""A relay in its own process, so a test can kill it with SIGKILL: ``python -m tests.support.relay_main``."""
import argparse
import logging

from shared.clients import producer_for
from shared.relay import Relay
from shared.runtime import stop_on_signals
from tests.support.sample import SAMPLE

parser = argparse.ArgumentParser()
parser.add_argument("database_url")
parser.add_argument("topic")
parser.add_argument("--bootstrap", default="127.0.0.1:9092")
parser.add_argument("--batch-size", type=int, default=100)
args = parser.parse_args()
logging.basicConfig(level=logging.INFO)
producer = producer_for(args.bootstrap)
Relay(args.database_url, producer, args.topic, SAMPLE.source, name="sample-relay",
      batch_size=args.batch_size).run(stop_on_signals())
producer.close()
