"""HTTP request and response schemas (marshmallow), by area; flask-smorest turns them into the
OpenAPI document. This module names them all in one place."""
from __future__ import annotations

from services.assessment.schemas_assessments import (
    RatingInSchema, AssessmentInSchema, ReopenSchema, RatedSchema, AssessmentSchema,
    SubmittedSchema, AssessmentFilterSchema, MonitoringFilterSchema, ProgressSchema,
    ProgressCountsSchema, UnitProgressSchema, UnitsProgressSchema, DistributionFilterSchema,
    DistributionSchema)
from services.assessment.schemas_organisation import (
    LocalTextSchema, LevelSchema, CompetencyInSchema, CompetencySchema, JobLevelSchema,
    RequirementSchema, PositionInSchema, PositionSchema, UnitSchema, EmployeeInSchema,
    EmployeeChangeSchema, EmployeeSchema, EmployeeFilterSchema, HistorySchema, MeSchema,
    OfficialsFilterSchema, PersonOnFormSchema, AgencySchema, OfficialsSchema, ImportSummarySchema,
    RowProblemSchema, RowOutcomeSchema, ImportCheckSchema, PeriodInSchema, PeriodSchema)

__all__ = ["RatingInSchema", "AssessmentInSchema", "ReopenSchema", "RatedSchema",
           "AssessmentSchema", "SubmittedSchema", "AssessmentFilterSchema",
           "MonitoringFilterSchema", "ProgressSchema", "ProgressCountsSchema",
           "UnitProgressSchema", "UnitsProgressSchema", "DistributionFilterSchema",
           "DistributionSchema", "LocalTextSchema", "LevelSchema", "CompetencyInSchema",
           "CompetencySchema", "JobLevelSchema", "RequirementSchema", "PositionInSchema",
           "PositionSchema", "UnitSchema", "EmployeeInSchema", "EmployeeChangeSchema",
           "EmployeeSchema", "EmployeeFilterSchema", "HistorySchema", "MeSchema",
           "OfficialsFilterSchema", "PersonOnFormSchema", "AgencySchema", "OfficialsSchema",
           "ImportSummarySchema", "RowProblemSchema", "RowOutcomeSchema", "ImportCheckSchema",
           "PeriodInSchema", "PeriodSchema"]
