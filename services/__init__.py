"""The three services of the appraisal platform; each owns its database and talks through Kafka."""
