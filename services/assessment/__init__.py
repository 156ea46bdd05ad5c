"""Assessment service: employees and reporting lines, competency standards, periods, self and supervisor assessments."""
