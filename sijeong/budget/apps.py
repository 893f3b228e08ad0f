from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "sijeong.budget"
    verbose_name = "예산"
