"""민생현장 일정 기획: the field-visit planner's solver core (pure Python, no models yet)."""
